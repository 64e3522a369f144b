#!/usr/bin/env bash
# Where a cold `mirror run` spends its time: the copy of bench/mirror-vs-skopeo.sh (one image of
# 10 x 20 MB layers; thirty small images), into a fresh destination registry each time, with
# skopeo and mirror (a JVM of its own, the launcher's run options and class-data archive) run in
# turn, and for each run:
#   * wall, user and system CPU of the client (/usr/bin/time), and the CPU the source and the
#     destination registries took meanwhile (/proc/PID/stat before and after);
#   * for mirror, CPU per thread group (bench/thread_cpu.py), the JIT's compile time
#     (-XX:+CITime) and, with JFR=1, a flight recording (profile settings) kept in OUT.
#
#   bench/profile-run.sh                     # 3 rounds of each case
#   RUNS=5 CASES=single bench/profile-run.sh
#   EXTRA="-XX:TieredStopAtLevel=1" bench/profile-run.sh    # more JVM options for mirror
#   JAR=/tmp/old/mirror.jar bench/profile-run.sh            # another build (same options)
#   JFR=1 OUT=/tmp/prof bench/profile-run.sh                # keep recordings in /tmp/prof
#   EXTRAS="|-XX:+UseSerialGC|-Xmn256m" bench/profile-run.sh  # variants of mirror, in turn
#
# Needs what bench/mirror-vs-skopeo.sh needs, plus /usr/bin/time and python3.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
RUNS=${RUNS:-3}
CASES=${CASES:-single thirty}
SMALL=${SMALL:-30}
JFR=${JFR:-0}
EXTRA=${EXTRA:-}
EXTRAS=${EXTRAS:-$EXTRA} # variants of EXTRA separated by |, each run in every round
IFS='|' read -r -a extras <<<"$EXTRAS"
((${#extras[@]})) || extras=("")
JAR=${JAR:-$ROOT/target/mirror.jar}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/profile-run.XXXXXX")}
mkdir -p "$OUT"

# The launcher's JVM options for run, as it sets them.
eval "$(grep -E '^run_opts=' "$ROOT/mirror")"
"$ROOT/mirror" --version >/dev/null # builds the jar if needed
JSA=$ROOT/target/mirror-run.jsa

work=$(mktemp -d "${TMPDIR:-/tmp}/profile-run.XXXXXX")
. "$ROOT/scripts/local-registries.sh"
trap 'stop_all_registries; rm -rf "$work"' EXIT

echo "load average before: $(bench_load); run_opts: $run_opts; output in $OUT"
for ((v = 0; v < ${#extras[@]}; v++)); do echo "mirror variant $v: ${extras[v]:-(as the launcher)}"; done
start_registry source
SRC=127.0.0.1:$PORT
names=(big)
shas=("$("$ROOT/bench/make-layout.sh" "$work/layout-big" 10 20000000 1)")
skopeo copy --quiet --all --dest-tls-verify=false "oci:$work/layout-big:bench" "docker://$SRC/big:seed"
rm -rf "$work/layout-big"
for ((i = 1; i <= SMALL; i++)); do
  names[i]=small-$i
  shas[i]=$("$ROOT/bench/make-layout.sh" "$work/layout-$i" 3 $((100000 + (i * 337129) % 900001)) $((100 + i)))
  skopeo copy --quiet --all --dest-tls-verify=false "oci:$work/layout-$i:bench" "docker://$SRC/small-$i:seed"
  rm -rf "$work/layout-$i"
done
mkdir -p "$work/repo"
printf '[GLOBAL]\nbackend_packages = ["pants_backend_oci.utility.mirror"]\n' >"$work/repo/pants.toml"

cpu_of() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
ticks=$(getconf CLK_TCK)

# one TOOL CASE ROUND [VARIANT]
one() {
  local tool=$1 case=$2 round=$3 variant=${4-} first last i dst s0 d0 s1 d1 tag=$1${4-}-$2-$3
  local extra=${extras[${variant:-0}]}
  if [[ $case == single ]]; then first=0 last=0; else first=1 last=$SMALL; fi
  start_registry dst
  dst=127.0.0.1:$PORT
  s0=$(cpu_of "${reg_pid[source]}") d0=$(cpu_of "${reg_pid[dst]}")
  if [[ $tool == skopeo ]]; then
    /usr/bin/time -f '%e %U %S' -o "$OUT/$tag.time" bash -c '
      src=$1 dst=$2; shift 2
      while (($#)); do
        skopeo copy --all --src-tls-verify=false --dest-tls-verify=false \
          "docker://$src/$1@sha256:$2" "docker://$dst/$1:v1" >/dev/null || exit 1
        shift 2
      done' _ "$SRC" "$dst" $(for ((i = first; i <= last; i++)); do echo "${names[i]} ${shas[i]}"; done)
  else
    : >"$work/repo/BUILD"
    for ((i = first; i <= last; i++)); do
      printf 'oci_mirror_image(name="%s", source_repository="%s/%s", destination_repository="%s/%s", sha="%s", tag="v1")\n' \
        "${names[i]}" "$SRC" "${names[i]}" "$dst" "${names[i]}" "${shas[i]}" >>"$work/repo/BUILD"
    done
    local jfr=()
    [[ $JFR == 1 ]] && jfr=("-XX:StartFlightRecording=settings=profile,filename=$OUT/$tag.jfr")
    (cd "$work/repo" && python3 "$ROOT/bench/thread_cpu.py" --out "$OUT/$tag.threads" -- \
      java -XX:-UsePerfData $run_opts $extra -XX:SharedArchiveFile="$JSA" -Xlog:cds=off \
      -Xlog:cds+dynamic=off -XX:+CITime "${jfr[@]}" -jar "$JAR" run :: >"$OUT/$tag.out" 2>&1) ||
      { cat "$OUT/$tag.out" >&2; exit 1; }
    head -1 "$OUT/$tag.threads" >"$OUT/$tag.time"
  fi
  s1=$(cpu_of "${reg_pid[source]}") d1=$(cpu_of "${reg_pid[dst]}")
  for ((i = first; i <= last; i++)); do
    [[ $(skopeo inspect --raw --tls-verify=false "docker://$dst/${names[i]}:v1" | sha256sum | cut -d' ' -f1) == "${shas[i]}" ]] ||
      { echo "FAIL: $tag: $dst/${names[i]}:v1 is not the pin" >&2; exit 1; }
  done
  stop_registry dst
  read -r wall user sys <"$OUT/$tag.time"
  local regs
  regs=$(awk -v a="$((s1 - s0))" -v b="$((d1 - d0))" -v t="$ticks" 'BEGIN { printf "%.2f %.2f", a / t, b / t }')
  printf '%-7s %-7s %d  wall %5.2f  user %5.2f  sys %5.2f  source %s  destination %s (CPU s)  load %s\n' \
    "$tool$variant" "$case" "$round" "$wall" "$user" "$sys" ${regs% *} ${regs#* } "$(bench_load)" | tee -a "$OUT/summary"
  if [[ $tool == mirror ]]; then
    grep -E 'C1 Compile Time|C2 Compile Time|Total compilation time' "$OUT/$tag.out" | sed 's/^ */    /' || true
    sed -n '4,13p' "$OUT/$tag.threads" | sed 's/^/    /'
  fi
}

for ((r = 1; r <= RUNS; r++)); do
  for c in $CASES; do
    ((r % 2)) && one skopeo "$c" "$r"
    for ((v = 0; v < ${#extras[@]}; v++)); do
      one mirror "$c" "$r" "$(( (v + r - 1) % ${#extras[@]} ))"
    done
    ((r % 2)) || one skopeo "$c" "$r"
  done
done
echo "load average after: $(bench_load)"
