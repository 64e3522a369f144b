#!/usr/bin/env bash
# `mirror run ::` vs `skopeo copy --all`, between two local Distribution registries.
#
#   bench/mirror-vs-skopeo.sh                 # 3 repetitions, medians
#   RUNS=5 bench/mirror-vs-skopeo.sh
#   MIRROR="java -XX:+UseParallelGC -XX:TieredStopAtLevel=1 -jar /tmp/m.jar" bench/mirror-vs-skopeo.sh
#   SMALL=10 BIG_LAYERS=4 bench/mirror-vs-skopeo.sh   # smaller cases, for a quick check
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
SKOPEO=${SKOPEO:-skopeo}

for tool in docker-registry "$SKOPEO" openssl tar gzip sha256sum; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/mirror-vs-skopeo.XXXXXX")
. "$ROOT/scripts/local-registries.sh"
trap 'stop_all_registries; rm -rf "$work"' EXIT

now() { date +%s.%N; }
elapsed() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.3f", e - s }'; }

# ---------------------------------------------------------------------------------------------
echo "load average before: $(bench_load) ($(nproc) cores); $(uptime)"
echo "mirror: $MIRROR"
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

# mirror_run REPO: `mirror run ::` in REPO; its output goes to $work/mirror.out.
mirror_run() {
  (cd "$work/$1" && "${mirror_cmd[@]}" run ::) >"$work/mirror.out" 2>&1 ||
    { cat "$work/mirror.out" >&2; echo "FAIL: mirror run :: in $1" >&2; exit 1; }
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

# time_tool TOOL CASE DST FIRST LAST REPO: one timed run, then the check.
time_tool() {
  local tool=$1 case=$2 dst=$3 first=$4 last=$5 repo=$6 s e
  if [[ $tool == skopeo ]]; then
    s=$(now); skopeo_copy "$dst" "$first" "$last"; e=$(now)
  else
    s=$(now); mirror_run "$repo"; e=$(now)
    # mirror's own summary line (time measured inside the JVM, after start-up and BUILD files).
    summary[$case]+="$(tail -1 "$work/mirror.out")"$'\n'
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
  [[ $tool == mirror ]] && write_build "$repo" "$dst" "$first" "$last"
  time_tool "$tool" "$label cold" "$dst" "$first" "$last" "$repo"
  time_tool "$tool" "$label no-op" "$dst" "$first" "$last" "$repo"
  stop_registry "dst-$tool"
}

# Untimed warm-up: both tools once on one small image (also checks the set-up, and lets the
# launcher make its class-data archive when it has none).
start_registry warmup
write_build repo-small "127.0.0.1:$PORT" 1 1
skopeo_copy "127.0.0.1:$PORT" 1 1
mirror_run repo-small
verify warm-up "127.0.0.1:$PORT" 1 1
stop_registry warmup

# JVM start-up, for reference.
for ((r = 1; r <= RUNS; r++)); do
  s=$(now); "${mirror_cmd[@]}" --version >/dev/null; e=$(now)
  record "mirror/--version" "$(elapsed "$s" "$e")"
done

for ((r = 1; r <= RUNS; r++)); do
  # Alternate which tool goes first, so neither always runs on a warmer machine.
  if ((r % 2)); then order=(skopeo mirror); else order=(mirror skopeo); fi
  for tool in "${order[@]}"; do
    cold_and_noop "$tool" single 0 0 repo-big
    cold_and_noop "$tool" thirty 1 "$SMALL" repo-small
  done
  echo "repetition $r/$RUNS done (load $(bench_load))"
done

# `mirror list ::` on the thirty-target repository: start-up plus reading the BUILD file.
for ((r = 1; r <= RUNS; r++)); do
  s=$(now); (cd "$work/repo-small" && "${mirror_cmd[@]}" list ::) >/dev/null; e=$(now)
  record "mirror/list" "$(elapsed "$s" "$e")"
done

med() { printf '%s' "${t[$1]}" | bench_median | xargs printf '%.3f'; }
all() { printf '%s' "${t[$1]}" | xargs printf '%.2f ' | sed 's/ $//'; }

echo
echo "RUNS=$RUNS, median wall seconds (every run in brackets); thirty = $SMALL images"
w=$((9 + 5 * RUNS)) # "median [run run ...]"
printf "%-14s %-${w}s %-${w}s %-6s %s\n" case skopeo mirror ratio target
for c in "single cold" "thirty cold" "single no-op" "thirty no-op"; do
  case $c in
    "single cold") target="<= 0.8" ;;
    "thirty cold") target="<= 0.35" ;;
    "thirty no-op") target="<= 0.1" ;;
    *) target="-" ;;
  esac
  sk=$(med "skopeo/$c") mi=$(med "mirror/$c")
  ratio=$(awk -v a="$mi" -v b="$sk" 'BEGIN { printf "%.2f", a / b }')
  met=""
  if [[ $target != - ]]; then
    met=$(awk -v r="$ratio" -v t="${target#<= }" 'BEGIN { print (r <= t) ? "met" : "NOT met" }')
  fi
  printf "%-14s %-${w}s %-${w}s %-6s %s\n" "$c" "$sk [$(all "skopeo/$c")]" "$mi [$(all "mirror/$c")]" \
    "$ratio" "$target${met:+ ($met)}"
done
echo
echo "mirror --version (JVM start-up): $(med mirror/--version) s [$(all mirror/--version)]"
echo "mirror list :: (30 targets):     $(med mirror/list) s [$(all mirror/list)]"
echo "mirror's own summary lines (time inside the JVM, from the first request):"
for c in "single cold" "single no-op" "thirty cold" "thirty no-op"; do
  printf '%s' "${summary[$c]}" | sed "s/^/  $c: /"
done
echo "load average after: $(bench_load)"
