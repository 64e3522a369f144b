#!/usr/bin/env bash
# `mirror list` on a generated 10,000-directory repository and `mirror starlark` on compute.star,
# with a JVM per command and through the resident mirror (MIRROR_DAEMON=1) after an edit to one
# BUILD file, each against its CPython reference timed in the same interleaved run.
#
#   bench/daemon.sh                     # 10000 directories, 5 repetitions
#   RUNS=9 bench/daemon.sh
#   TREE=/tmp/bt10k bench/daemon.sh     # generate into /tmp/bt10k and keep it, or reuse it
#   COMPUTE=0 bench/daemon.sh           # the list rows only
#   N=2000 RUNS=2 bench/daemon.sh       # a quick check
#
# Every repetition runs, in an order that rotates between repetitions so none always runs on a
# warmer machine:
#   list rows:    python3 bench/python_floor.py TREE (the floor), then `mirror list ::` and
#                 `mirror list DIR:` (DIR a 4-level-deep directory) with a JVM per command
#                 (MIRROR_DAEMON=0), then the same two through the resident mirror, each right
#                 after a comment line is appended to DIR/BUILD (so its content and mtime
#                 change: a daemon that keeps what it read must notice);
#   compute row:  python3 bench/compute.star, `mirror starlark bench/compute.star` with a JVM of
#                 its own and through the resident mirror.
# Every timed list's output is checked: `list ::` prints the address count of the untimed first
# run, `list DIR:` the same lines as that run. The daemon is stopped before the run and at its
# end (`mirror daemon stop`), and warmed by WARM (default 3) untimed rounds of both lists before
# the first repetition; it stays up, idle, while the other commands run. DIR/BUILD is restored
# at the end. Prints the medians, every run, the ratios to the floors and the targets, and the
# load average before and after.
set -euo pipefail
[ -z "${TREE:-}" ] || TREE=$(realpath -m "$TREE")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. bench/lib.sh

N=${1:-${N:-10000}}
RUNS=${RUNS:-5}
WARM=${WARM:-3}
COMPUTE=${COMPUTE:-1}
PYTHON=${PYTHON:-python3}
MIRROR=$ROOT/mirror

# (The first run below builds the jar when it is missing or older than the sources.)

out=$(mktemp -d)
backup=
cleanup() {
  (cd "$TREE" 2>/dev/null && "$MIRROR" daemon stop) >/dev/null 2>&1 || true
  [ -n "$backup" ] && cp "$backup" "$TREE/$one_dir/BUILD"
  rm -rf "$out"
  [ -n "${made_tree:-}" ] && rm -rf "$TREE"
  return 0
}
if [ -z "${TREE:-}" ]; then
  TREE=$(mktemp -d)
  made_tree=1
fi
trap cleanup EXIT
if [ -e "$TREE/pants.toml" ]; then
  echo "reusing $TREE"
else
  echo "generating $N directories into $TREE ..."
  "$PYTHON" bench/gen_build_tree.py "$TREE" "$N" >/dev/null
fi
meta() { sed -n "s/^$1=//p" "$TREE/.bench-tree" 2>/dev/null; }
one_dir=$(meta one_dir)
[ -n "$one_dir" ] || one_dir=$(cd "$TREE" && find . -name BUILD -type f -printf '%d %h\n' |
  sort -k1,1nr -k2 | sed -n '1s/^[0-9]* \.\///p')
cp "$TREE/$one_dir/BUILD" "$out/BUILD.orig"
backup=$out/BUILD.orig

now() { date +%s.%N; }
elapsed() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.3f", e - s }'; }
declare -A t=()
record() { t[$1]+="$2"$'\n'; }

# mirror_in_tree DAEMON ARGS...: the launcher in TREE, stdout to $out/stdout.
mirror_in_tree() {
  local daemon=$1
  shift
  (cd "$TREE" && MIRROR_DAEMON=$daemon "$MIRROR" "$@") >"$out/stdout" 2>"$out/stderr" ||
    { cat "$out/stderr" >&2; echo "FAIL: mirror $* (MIRROR_DAEMON=$daemon)" >&2; exit 1; }
}

edits=0
edit_one() { # appends a comment to DIR/BUILD: new content, new mtime
  edits=$((edits + 1))
  printf '# edit %d at %s\n' "$edits" "$(now)" >>"$TREE/$one_dir/BUILD"
}

# check WHAT: the last list printed what the untimed first run did.
check() {
  case $1 in
    all)
      local n
      n=$(wc -l <"$out/stdout")
      [ "$n" -eq "$all_count" ] ||
        { echo "FAIL: list :: printed $n addresses, not $all_count" >&2; exit 1; } ;;
    one)
      cmp -s "$out/stdout" "$out/one.expected" ||
        { echo "FAIL: list $one_dir: printed other addresses:" >&2;
          diff "$out/one.expected" "$out/stdout" | head >&2; exit 1; } ;;
  esac
}

# timed KEY DAEMON [CHECK] ARGS...: one timed mirror run.
timed() {
  local key=$1 daemon=$2 what=$3 s e
  shift 3
  s=$(now); mirror_in_tree "$daemon" "$@"; e=$(now)
  record "$key" "$(elapsed "$s" "$e")"
  check "$what"
}

echo "load average before: $(bench_load) ($(nproc) cores); $(uptime)"
(cd "$TREE" && "$MIRROR" daemon stop) >/dev/null 2>&1 || true

# The launcher's class-data archive for goals is written by the first goal run without one: made
# by `mirror --version` (as bench/mirror-vs-skopeo.sh's start-up timing used to), it holds too few
# classes and `list DIR:` takes 0.86 s instead of 0.39 s. Removed here, the first list writes it.
rm -f target/mirror-goal.jsa
# The untimed first runs: what every later list must print (and a warm file cache).
mirror_in_tree 0 list ::
all_count=$(wc -l <"$out/stdout")
mirror_in_tree 0 list "$one_dir:"
cp "$out/stdout" "$out/one.expected"
echo "list :: prints $all_count addresses; list $one_dir: prints $(wc -l <"$out/one.expected")"
"$PYTHON" bench/python_floor.py "$TREE" >/dev/null

# The resident mirror: started by its first command, warmed with both lists, edits in between.
for ((r = 1; r <= WARM; r++)); do
  edit_one; mirror_in_tree 1 list ::; check all
  edit_one; mirror_in_tree 1 list "$one_dir:"; check one
done
echo "daemon warmed ($WARM rounds; load $(bench_load)); $(cd "$TREE" && "$MIRROR" daemon status)"

steps=(floor fresh-all daemon-all fresh-one daemon-one daemon-all-unchanged daemon-one-unchanged)
if [ "$COMPUTE" = 1 ]; then
  steps+=(python-compute fresh-compute daemon-compute)
  "$PYTHON" bench/compute.star >"$out/compute.expected"
fi
step() {
  local s e
  case $1 in
    floor)
      s=$(now); "$PYTHON" bench/python_floor.py "$TREE" >/dev/null; e=$(now)
      record floor "$(elapsed "$s" "$e")" ;;
    fresh-all) timed fresh-all 0 all list :: ;;
    daemon-all) edit_one; timed daemon-all 1 all list :: ;;
    daemon-all-unchanged) timed daemon-all-unchanged 1 all list :: ;;
    fresh-one) timed fresh-one 0 one list "$one_dir:" ;;
    daemon-one) edit_one; timed daemon-one 1 one list "$one_dir:" ;;
    daemon-one-unchanged) timed daemon-one-unchanged 1 one list "$one_dir:" ;;
    python-compute)
      s=$(now); "$PYTHON" bench/compute.star >"$out/stdout"; e=$(now)
      record python-compute "$(elapsed "$s" "$e")" ;;
    fresh-compute | daemon-compute)
      local daemon=0
      [ "$1" = daemon-compute ] && daemon=1
      s=$(now); (MIRROR_DAEMON=$daemon "$MIRROR" starlark bench/compute.star) >"$out/stdout"; e=$(now)
      record "$1" "$(elapsed "$s" "$e")"
      cmp -s "$out/stdout" "$out/compute.expected" ||
        { echo "FAIL: mirror starlark bench/compute.star printed otherwise than python" >&2; exit 1; } ;;
  esac
}
for ((r = 1; r <= RUNS; r++)); do
  for ((k = 0; k < ${#steps[@]}; k++)); do
    step "${steps[(k + r - 1) % ${#steps[@]}]}"
  done
  echo "repetition $r/$RUNS done (load $(bench_load))"
done

med() { printf '%s' "${t[$1]}" | bench_median | xargs printf '%.3f'; }
all() { printf '%s' "${t[$1]}" | xargs printf '%.2f ' | sed 's/ $//'; }
row() { # row LABEL KEY REF TARGET
  local m ratio met=""
  m=$(med "$2")
  ratio=$(awk -v a="$m" -v b="$(med "$3")" 'BEGIN { printf "%.3f", a / b }')
  if [ "$4" != - ]; then
    met=$(awk -v r="$ratio" -v t="$4" 'BEGIN { print (r <= t) ? " (met)" : " (NOT met)" }')
  fi
  printf '%-44s %7s s  %-40s %6sx  %s\n' "$1" "$m" "[$(all "$2")]" "$ratio" \
    "$([ "$4" = - ] && echo - || echo "<= $4$met")"
}
echo
echo "RUNS=$RUNS, $TREE ($(meta dirs) directories), DIR = $one_dir; median wall seconds, every" \
  "run in brackets, ratio to the reference (python_floor.py, or python3 for compute.star)"
row "python3 bench/python_floor.py (floor)" floor floor -
row "list ::, a JVM per command" fresh-all floor 1.0
row "list ::, daemon, after an edit" daemon-all floor 0.15
row "list ::, daemon, nothing changed" daemon-all-unchanged floor -
row "list DIR:, a JVM per command" fresh-one floor 0.25
row "list DIR:, daemon, after an edit" daemon-one floor 0.03
row "list DIR:, daemon, nothing changed" daemon-one-unchanged floor -
if [ "$COMPUTE" = 1 ]; then
  row "python3 bench/compute.star" python-compute python-compute -
  row "mirror starlark compute.star, own JVM" fresh-compute python-compute 1.0
  row "mirror starlark compute.star, daemon" daemon-compute python-compute -
fi
echo "load average after: $(bench_load)"
