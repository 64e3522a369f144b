#!/usr/bin/env bash
# `mirror list` and `mirror peek` on a generated Pants repository, end to end (java -jar).
#
#   bench/build-tree.sh                 # 10000 directories, 5 runs of each command
#   bench/build-tree.sh 50000           # another size
#   RUNS=9 bench/build-tree.sh          # more runs
#   TREE=/tmp/tree bench/build-tree.sh  # generate into /tmp/tree and keep it, or reuse it
#   JAR=/tmp/other/mirror.jar bench/build-tree.sh   # another build (default target/mirror.jar)
#
# Generates the tree with bench/gen_build_tree.py (into a temporary directory, removed at exit,
# unless TREE is set), checks that `mirror list ::` succeeds and prints the expected number of
# addresses, then prints the median wall time over RUNS runs, with the peak RSS and the median CPU
# time of those runs, of:
# `mirror --version` (JVM start-up), `mirror list ::` (every directory, evaluated in parallel),
# `mirror list <one deep dir>:` (that directory and its ancestors only) and `mirror peek ::`.
set -euo pipefail
[ -z "${TREE:-}" ] || TREE=$(realpath -m "$TREE")
[ -z "${JAR:-}" ] || JAR=$(realpath -m "$JAR")
cd "$(dirname "$0")/.."
. bench/lib.sh

N=${1:-${N:-10000}}
RUNS=${RUNS:-5}
PYTHON=${PYTHON:-python3}
JAVA=${JAVA:-java}
JAR=${JAR:-$PWD/target/mirror.jar}

if [ ! -f "$JAR" ] && [ "$JAR" = "$PWD/target/mirror.jar" ]; then
  if [ -x ./mirror ]; then
    echo "building the jar (./mirror --version) ..." >&2
    ./mirror --version >/dev/null
  fi
  if [ ! -f "$JAR" ]; then
    echo "building the jar (mvn -q -DskipTests package) ..." >&2
    bench_mvn -DskipTests package
  fi
fi
if [ ! -f "$JAR" ]; then
  echo "no jar at $JAR" >&2
  exit 1
fi
if [ -n "$(find src/main pom.xml -newer "$JAR" -type f -print -quit)" ]; then
  echo "warning: $JAR is older than src/main; rebuild it (mvn -DskipTests package) to measure" \
    "the current code" >&2
fi

out=$(mktemp)
cleanup() { rm -f "$out" "$out.time"; }
if [ -z "${TREE:-}" ]; then
  TREE=$(mktemp -d)
  cleanup() { rm -f "$out" "$out.time"; rm -rf "$TREE"; }
fi
trap cleanup EXIT
if [ -e "$TREE/pants.toml" ]; then
  echo "reusing $TREE"
else
  echo "generating $N directories into $TREE ..."
  "$PYTHON" bench/gen_build_tree.py "$TREE" "$N"
fi

# What the generator recorded; a tree made otherwise needs only a pants.toml and BUILD files.
meta() { sed -n "s/^$1=//p" "$TREE/.bench-tree" 2>/dev/null; }
dirs=$(meta dirs)
[ -n "$dirs" ] || dirs=$(find "$TREE" -name BUILD -type f | wc -l)
expected=$(meta targets)
one_dir=$(meta one_dir)
[ -n "$one_dir" ] || one_dir=$(cd "$TREE" && find . -name BUILD -type f -printf '%d %h\n' |
  sort -k1,1nr -k2 | sed -n '1s/^[0-9]* \.\///p')

# The launcher's options for goals, class-data sharing included (the archive is made here once).
JSA="$PWD/target/mirror-goal.jsa"
[ -f "$JSA" ] || "$JAVA" -XX:ArchiveClassesAtExit="$JSA" -jar "$JAR" --version >/dev/null
mirror_cmd=("$JAVA" ${JAVA_OPTS:--XX:-UsePerfData -XX:+UseParallelGC -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=$JSA} -jar "$JAR")
floor_cmd=(python3 "$PWD/bench/python_floor.py" "$TREE")
cd "$TREE"

# One untimed run (it also warms the file cache): must succeed and list every target.
if ! "${mirror_cmd[@]}" list :: >"$out" 2>"$out.time"; then
  cat "$out.time" >&2
  echo "FAIL: mirror list :: failed in $TREE" >&2
  exit 1
fi
count=$(wc -l <"$out")
if [ "$count" -lt "$dirs" ]; then
  echo "FAIL: mirror list :: printed $count addresses for $dirs directories" >&2
  exit 1
fi
if [ -n "$expected" ] && [ "$count" -ne "$expected" ]; then
  echo "warning: mirror list :: printed $count addresses, the generator expected $expected" >&2
fi
echo "mirror list :: printed $count addresses (${expected:-?} expected) for $dirs directories"

have_time=
[ -x /usr/bin/time ] && /usr/bin/time -f %M true 2>/dev/null && have_time=1

# measure CMD...: runs CMD RUNS times (stdout to /dev/null); prints "median_wall_s peak_kb
# median_cpu_s" (user + sys; the last two are "-" without /usr/bin/time). Fails when a run fails.
measure() {
  local i s e times="" cpus="" rss=0 m u k
  for ((i = 0; i < RUNS; i++)); do
    s=$(date +%s.%N)
    if [ -n "$have_time" ]; then
      /usr/bin/time -f '%M %U %S' -o "$out.time" "$@" >/dev/null ||
        { echo "FAIL: $*" >&2; return 1; }
    else
      "$@" >/dev/null || { echo "FAIL: $*" >&2; return 1; }
    fi
    e=$(date +%s.%N)
    times+="$(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.6f", e - s }')"$'\n'
    if [ -n "$have_time" ]; then
      read -r m u k < <(tail -1 "$out.time")
      if [ "$m" -gt "$rss" ]; then rss=$m; fi
      cpus+="$(awk -v u="$u" -v k="$k" 'BEGIN { printf "%.2f", u + k }')"$'\n'
    fi
  done
  printf '%s' "$times" | bench_median | xargs printf '%.3f '
  if [ -n "$have_time" ]; then
    printf '%s %s\n' "$rss" "$(printf '%s' "$cpus" | bench_median | xargs printf '%.1f')"
  else
    echo "- -"
  fi
}

mb() { [ "$1" = - ] && echo "?" || awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

# row LABEL EXTRA CMD...: measures CMD and prints one line.
row() {
  local label=$1 extra=$2 r t rss cpu
  shift 2
  r=$(measure "$@")
  read -r t rss cpu <<<"$r"
  printf '%-28s %7s s  %5s MB  %5s s cpu%s\n' "$label" "$t" "$(mb "$rss")" "$cpu" \
    "${extra:+  $extra}"
  last=$t
}

echo "load average before: $(bench_load) ($(nproc) cores); $RUNS runs each:" \
  "median wall time, peak RSS, median CPU time (user + sys)"
row "python floor" "(bench/python_floor.py: exec every BUILD file)" "${floor_cmd[@]}"
floor=$last
row "mirror --version" "(JVM start-up)" "${mirror_cmd[@]}" --version
row "mirror list ::" "" "${mirror_cmd[@]}" list ::
echo "  = $(awk -v a="$last" -v b="$floor" 'BEGIN { printf "%.2f", a / b }')x the python floor (target: at most 1.0x)"
echo "  = $(awk -v d="$dirs" -v t="$last" 'BEGIN { printf "%.0f", d / t }') directories/s" \
  "($dirs directories, JVM start-up included)"
row "mirror list DIR:" "($one_dir:)" "${mirror_cmd[@]}" list "$one_dir:"
echo "  = $(awk -v a="$last" -v b="$floor" 'BEGIN { printf "%.2f", a / b }')x the python floor (target: at most 0.3x)"
row "mirror peek :: >/dev/null" "" "${mirror_cmd[@]}" peek ::
echo "load average after: $(bench_load)"
