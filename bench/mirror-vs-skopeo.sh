#!/usr/bin/env bash
# `mirror run ::` vs `skopeo copy --all`, between two local Distribution registries.
#
#   bench/mirror-vs-skopeo.sh                 # 3 repetitions, medians
#   RUNS=5 bench/mirror-vs-skopeo.sh
#   MIRROR="java -XX:+UseParallelGC -XX:TieredStopAtLevel=1 -jar /tmp/m.jar" bench/mirror-vs-skopeo.sh
#   SMALL=10 BIG_LAYERS=4 bench/mirror-vs-skopeo.sh   # smaller cases, for a quick check
#   VARIANTS=fresh bench/mirror-vs-skopeo.sh          # a JVM per command only
#   VARIANTS=daemon bench/mirror-vs-skopeo.sh         # the resident mirror only
#
# Variants of mirror (VARIANTS, default "fresh daemon"), each timed against skopeo in the same
# interleaved run (the order of skopeo and the variants rotates between repetitions):
#   fresh:   MIRROR as given, a JVM per command;
#   daemon:  MIRROR_DAEMON=1 MIRROR, the resident mirror. It is stopped (`mirror daemon stop`)
#            before the run and at its end, started and warmed by WARM untimed runs of each case
#            (default 3) before the first repetition, and stays up, idle, while skopeo and the
#            fresh variant run. Only meaningful when MIRROR is the launcher.
#
# Cases, each timed RUNS times (wall clock, median reported):
#   single cold:  one ~200 MB image of 10 layers into an empty destination registry:
#                 `skopeo copy --all SRC/big@sha256:D DST/big:v1` vs `mirror run ::` with one target;
#   thirty cold:  30 small images (3 layers of 100 KB-1 MB, distinct content): a loop of 30
#                 `skopeo copy --all` (as the Pants plugin runs it) vs one `mirror run ::` of 30 targets;
#   no-op single / no-op thirty: the same commands again into the destination they just filled.
# The source registry is started and seeded once. Every repetition starts a fresh destination
# registry for each tool (so both are equally cold), and removes it afterwards. After every timed
# run the destination must serve the pinned digest under the tag (skopeo inspect --raw | sha256sum),
# or the script fails. Registries are stopped by PID on exit.
#
# MIRROR is the command that runs mirror (default: the launcher, ./mirror). Needs docker-registry,
# skopeo, openssl, tar, gzip, coreutils; about 1 GB free under TMPDIR.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"

RUNS=${RUNS:-3}
SMALL=${SMALL:-30}
BIG_LAYERS=${BIG_LAYERS:-10}
BIG_LAYER_BYTES=${BIG_LAYER_BYTES:-20000000}
MIRROR=${MIRROR:-$ROOT/mirror}
read -r -a mirror_cmd <<<"$MIRROR"
VARIANTS=${VARIANTS:-fresh daemon}
read -r -a variants <<<"$VARIANTS"
WARM=${WARM:-3}
for v in "${variants[@]}"; do
  [[ $v == fresh || $v == daemon ]] || { echo "VARIANTS: fresh and/or daemon, not $v" >&2; exit 1; }
done
SKOPEO=${SKOPEO:-skopeo}

for tool in docker-registry "$SKOPEO" openssl tar gzip sha256sum; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/mirror-vs-skopeo.XXXXXX")
. "$ROOT/scripts/local-registries.sh"
# The resident mirror: stopped by the launcher (by the PID it recorded), at the start and the end.
# There is one daemon per build root: one for each of the two repositories.
daemon_stop() {
  if [[ " ${variants[*]} " == *" daemon "* ]]; then
    for repo in repo-big repo-small; do
      [[ -d "$work/$repo" ]] && (cd "$work/$repo" && "${mirror_cmd[@]}" daemon stop) >/dev/null 2>&1
    done
  fi
  return 0
}
trap 'daemon_stop; stop_all_registries; rm -rf "$work"' EXIT

now() { date +%s.%N; }
elapsed() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.3f", e - s }'; }

# ---------------------------------------------------------------------------------------------
echo "load average before: $(bench_load) ($(nproc) cores); $(uptime)"
echo "mirror: $MIRROR (variants: ${variants[*]})"
echo "skopeo: $($SKOPEO --version)"

start_registry source
SRC=127.0.0.1:$PORT
echo "source registry $SRC; seeding it (${BIG_LAYERS} x ${BIG_LAYER_BYTES} B image, $SMALL small images) ..."

# names[i], shas[i]: image i (0 = big, 1..SMALL = small-i).
names=(big)
shas=("$("$ROOT/bench/make-layout.sh" "$work/layout-big" "$BIG_LAYERS" "$BIG_LAYER_BYTES" 1)")
"$SKOPEO" copy --quiet --all --dest-tls-verify=false "oci:$work/layout-big:bench" \
  "docker://$SRC/big:seed" >/dev/null
rm -rf "$work/layout-big"
small_bytes=0
for ((i = 1; i <= SMALL; i++)); do
  # 100 KB to 1 MB a layer, spread over the images.
  bytes=$((100000 + (i * 337129) % 900001))
  small_bytes=$((small_bytes + 3 * bytes))
  names[i]=small-$i
  shas[i]=$("$ROOT/bench/make-layout.sh" "$work/layout-$i" 3 "$bytes" $((100 + i)))
  "$SKOPEO" copy --quiet --all --dest-tls-verify=false "oci:$work/layout-$i:bench" \
    "docker://$SRC/small-$i:seed" >/dev/null
  rm -rf "$work/layout-$i"
done
echo "seeded: big sha256:${shas[0]}; $SMALL small images, $((small_bytes / 1000)) KB of layers in all"

# The mirror repositories: pants.toml + a BUILD file naming the destination (rewritten per run).
mkdir -p "$work/repo-big" "$work/repo-small"
for r in repo-big repo-small; do
  printf '[GLOBAL]\nbackend_packages = ["pants_backend_oci.utility.mirror"]\n' >"$work/$r/pants.toml"
done
write_build() { # write_build REPO DST FIRST LAST
  local repo=$1 dst=$2 i
  : >"$work/$repo/BUILD"
  for ((i = $3; i <= $4; i++)); do
    cat >>"$work/$repo/BUILD" <<EOF
oci_mirror_image(
    name="${names[i]}",
    source_repository="$SRC/${names[i]}",
    destination_repository="$dst/${names[i]}",
    sha="${shas[i]}",
    tag="v1",
)
EOF
  done
}

# skopeo_copy DST FIRST LAST: one `skopeo copy --all` per image, one after another.
skopeo_copy() {
  local dst=$1 i
  for ((i = $2; i <= $3; i++)); do
    "$SKOPEO" copy --all --src-tls-verify=false --dest-tls-verify=false \
      "docker://$SRC/${names[i]}@sha256:${shas[i]}" "docker://$dst/${names[i]}:v1" \
      >/dev/null 2>>"$work/skopeo.log" || { cat "$work/skopeo.log" >&2; echo "FAIL: skopeo copy ${names[i]}" >&2; exit 1; }
  done
}

# mirror_run REPO [VARIANT]: `mirror run ::` in REPO (VARIANT daemon: MIRROR_DAEMON=1, else a
# JVM of its own); its output goes to $work/mirror.out.
mirror_run() {
  local daemon=0
  [[ ${2-fresh} == daemon ]] && daemon=1
  (cd "$work/$1" && MIRROR_DAEMON=$daemon "${mirror_cmd[@]}" run ::) >"$work/mirror.out" 2>&1 ||
    { cat "$work/mirror.out" >&2; echo "FAIL: mirror run :: in $1 ($2)" >&2; exit 1; }
}

# verify WHO DST FIRST LAST: the destination serves every pinned digest under tag v1.
verify() {
  local who=$1 dst=$2 i served
  for ((i = $3; i <= $4; i++)); do
    served=$("$SKOPEO" inspect --raw --tls-verify=false "docker://$dst/${names[i]}:v1" | sha256sum | cut -d' ' -f1)
    if [[ $served != "${shas[i]}" ]]; then
      echo "FAIL: after $who, $dst/${names[i]}:v1 is sha256:$served, not sha256:${shas[i]}" >&2
      exit 1
    fi
  done
}

# Timings: t_<tool>_<case> hold one number per line.
declare -A t=()
record() { t[$1]+="$2"$'\n'; }

# time_tool TOOL CASE DST FIRST LAST REPO: one timed run, then the check. TOOL is skopeo,
# mirror (a JVM per command) or mirror-daemon.
time_tool() {
  local tool=$1 case=$2 dst=$3 first=$4 last=$5 repo=$6 s e
  if [[ $tool == skopeo ]]; then
    s=$(now); skopeo_copy "$dst" "$first" "$last"; e=$(now)
  else
    local variant=fresh
    [[ $tool == mirror-daemon ]] && variant=daemon
    s=$(now); mirror_run "$repo" "$variant"; e=$(now)
    # mirror's own summary line (time measured inside the JVM, after start-up and BUILD files).
    summary[$tool/$case]+="$(tail -1 "$work/mirror.out")"$'\n'
  fi
  record "$tool/$case" "$(elapsed "$s" "$e")"
  verify "$tool" "$dst" "$first" "$last"
}
declare -A summary=()

# cold_and_noop TOOL LABEL FIRST LAST REPO: fresh destination, cold run, no-op run, stop.
cold_and_noop() {
  local tool=$1 label=$2 first=$3 last=$4 repo=$5
  start_registry "dst-$tool"
  local dst=127.0.0.1:$PORT
  [[ $tool == mirror* ]] && write_build "$repo" "$dst" "$first" "$last"
  time_tool "$tool" "$label cold" "$dst" "$first" "$last" "$repo"
  time_tool "$tool" "$label no-op" "$dst" "$first" "$last" "$repo"
  stop_registry "dst-$tool"
}

# Untimed warm-up: both tools once on one small image (also checks the set-up, and lets the
# launcher make its class-data archive when it has none).
daemon_stop
start_registry warmup
write_build repo-small "127.0.0.1:$PORT" 1 1
skopeo_copy "127.0.0.1:$PORT" 1 1
mirror_run repo-small
verify warm-up "127.0.0.1:$PORT" 1 1
stop_registry warmup

# The tools timed: skopeo and each variant of mirror.
tools=(skopeo)
for v in "${variants[@]}"; do
  if [[ $v == fresh ]]; then tools+=(mirror); else tools+=(mirror-daemon); fi
done

# The resident mirror: started by its first command, then warmed by WARM untimed rounds of every
# case (cold and no-op, one image and thirty), so the timed runs see a JIT-compiled copy path.
if [[ " ${variants[*]} " == *" daemon "* ]]; then
  for ((r = 1; r <= WARM; r++)); do
    for spec in "0 0 repo-big" "1 $SMALL repo-small"; do
      read -r first last repo <<<"$spec"
      start_registry warmup
      write_build "$repo" "127.0.0.1:$PORT" "$first" "$last"
      mirror_run "$repo" daemon
      mirror_run "$repo" daemon
      verify daemon-warm-up "127.0.0.1:$PORT" "$first" "$last"
      stop_registry warmup
    done
  done
  echo "daemon warmed ($WARM rounds; load $(bench_load)); $(cd "$work/repo-big" && "${mirror_cmd[@]}" daemon status)"
fi

# `mirror list ::` on the thirty-target repository: start-up plus reading the BUILD file. Before
# `--version`, so that the launcher's goal archive, when missing, is written by a list (one
# written by --version holds too few classes: list DIR: on 10,000 directories 0.86 s, not 0.39 s).
write_build repo-small 127.0.0.1:1 1 "$SMALL" # listed only: no registry is asked
for ((r = 1; r <= RUNS; r++)); do
  s=$(now); (cd "$work/repo-small" && MIRROR_DAEMON=0 "${mirror_cmd[@]}" list ::) >/dev/null; e=$(now)
  record "mirror/list" "$(elapsed "$s" "$e")"
done

# JVM start-up, for reference.
for ((r = 1; r <= RUNS; r++)); do
  s=$(now); MIRROR_DAEMON=0 "${mirror_cmd[@]}" --version >/dev/null; e=$(now)
  record "mirror/--version" "$(elapsed "$s" "$e")"
done

for ((r = 1; r <= RUNS; r++)); do
  # Rotate which tool goes first, so none always runs on a warmer machine.
  order=()
  for ((k = 0; k < ${#tools[@]}; k++)); do
    order+=("${tools[(k + r - 1) % ${#tools[@]}]}")
  done
  for tool in "${order[@]}"; do
    cold_and_noop "$tool" single 0 0 repo-big
    cold_and_noop "$tool" thirty 1 "$SMALL" repo-small
  done
  echo "repetition $r/$RUNS done (load $(bench_load))"
done

med() { printf '%s' "${t[$1]}" | bench_median | xargs printf '%.3f'; }
all() { printf '%s' "${t[$1]}" | xargs printf '%.2f ' | sed 's/ $//'; }

# The targets, per variant (fresh: a JVM per command; daemon: the resident mirror).
target_of() { # target_of TOOL CASE
  case "$1/$2" in
    "mirror/single cold") echo "<= 1.2" ;;
    "mirror-daemon/single cold") echo "<= 0.9" ;;
    */"thirty cold") echo "<= 0.45" ;;
    */"thirty no-op") echo "<= 0.1" ;;
    *) echo "-" ;;
  esac
}

echo
echo "RUNS=$RUNS, median wall seconds (every run in brackets); thirty = $SMALL images;" \
  "mirror = a JVM per command, mirror-daemon = MIRROR_DAEMON=1"
w=$((9 + 5 * RUNS)) # "median [run run ...]"
printf "%-14s %-14s %-${w}s %-${w}s %-6s %s\n" case variant skopeo mirror ratio target
for c in "single cold" "thirty cold" "single no-op" "thirty no-op"; do
  for tool in "${tools[@]:1}"; do
    target=$(target_of "$tool" "$c")
    sk=$(med "skopeo/$c") mi=$(med "$tool/$c")
    ratio=$(awk -v a="$mi" -v b="$sk" 'BEGIN { printf "%.2f", a / b }')
    met=""
    if [[ $target != - ]]; then
      met=$(awk -v r="$ratio" -v t="${target#<= }" 'BEGIN { print (r <= t) ? "met" : "NOT met" }')
    fi
    printf "%-14s %-14s %-${w}s %-${w}s %-6s %s\n" "$c" "$tool" "$sk [$(all "skopeo/$c")]" \
      "$mi [$(all "$tool/$c")]" "$ratio" "$target${met:+ ($met)}"
  done
done
echo
echo "mirror --version (JVM start-up): $(med mirror/--version) s [$(all mirror/--version)]"
echo "mirror list :: (30 targets):     $(med mirror/list) s [$(all mirror/list)]"
echo "mirror's own summary lines (time inside the JVM, from the first request):"
for tool in "${tools[@]:1}"; do
  for c in "single cold" "single no-op" "thirty cold" "thirty no-op"; do
    printf '%s' "${summary[$tool/$c]-}" | sed "s|^|  $tool/$c: |"
  done
done
echo "load average after: $(bench_load)"
