#!/usr/bin/env bash
# Compares mirror's Starlark interpreter (pants dialect) with CPython on bench/compute.star.
#
#   bench/starlark-vs-python.sh            # 5 runs each
#   RUNS=9 bench/starlark-vs-python.sh     # more runs
#   PROGRAM=other.star bench/starlark-vs-python.sh
#
# Prints the median wall time of `python3 PROGRAM`, of `java -jar target/mirror.jar starlark
# PROGRAM` and of `./mirror starlark PROGRAM` (both including JVM start-up), their ratios to
# python, and the in-JVM median after warm-up measured by dev.mirror.bench.BuildFileThroughput
# --compute (JVM start-up and JIT warm-up left out).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

RUNS=${RUNS:-5}
PROGRAM=${PROGRAM:-bench/compute.star}
PYTHON=${PYTHON:-python3}
JAVA=${JAVA:-java}
JAR=target/mirror.jar

if [ ! -f "$JAR" ]; then
  if [ -x ./mirror ]; then
    echo "building the jar (./mirror --version) ..." >&2
    ./mirror --version >/dev/null
  fi
  if [ ! -f "$JAR" ]; then
    echo "building the jar (mvn -q -DskipTests package) ..." >&2
    bench_mvn -DskipTests package
  fi
fi

if [ -n "$(find src/main pom.xml -newer "$JAR" -type f -print -quit)" ]; then
  echo "warning: $JAR is older than src/main; rebuild it (mvn -DskipTests package) to measure" \
    "the current interpreter" >&2
fi

py_cmd=("$PYTHON" "$PROGRAM")
mirror_cmd=("$JAVA" ${JAVA_OPTS:--XX:+UseParallelGC} -jar "$JAR" starlark "$PROGRAM")
# The launcher as a user runs it: its JVM options for `starlark` and class-data sharing.
launcher_cmd=(./mirror starlark "$PROGRAM")

# One untimed run of each: the outputs must be equal (this also warms the file cache).
py_out=$(mktemp); mirror_out=$(mktemp)
trap 'rm -f "$py_out" "$mirror_out"' EXIT
"${py_cmd[@]}" >"$py_out"
if ! "${mirror_cmd[@]}" >"$mirror_out"; then
  echo "mirror failed on $PROGRAM" >&2
  exit 1
fi
if ! diff -u --label python "$py_out" --label mirror "$mirror_out"; then
  echo "FAIL: outputs differ" >&2
  exit 1
fi
echo "outputs equal ($(wc -l <"$py_out") lines)"
./mirror --version >/dev/null # makes the launcher's class-data archive if missing

# median_time NAME CMD...: median wall seconds over $RUNS runs, output discarded.
median_time() {
  shift
  if command -v hyperfine >/dev/null 2>&1; then
    local json
    json=$(mktemp)
    hyperfine -N --style none --runs "$RUNS" --export-json "$json" "$(printf '%q ' "$@")" >/dev/null
    "$PYTHON" -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$json"
    rm -f "$json"
  else
    local i s e
    for ((i = 0; i < RUNS; i++)); do
      s=$(date +%s.%N)
      "$@" >/dev/null
      e=$(date +%s.%N)
      awk -v s="$s" -v e="$e" 'BEGIN { printf "%.6f\n", e - s }'
    done | bench_median | xargs printf '%.3f\n'
  fi
}

echo "load average before: $(bench_load) ($(nproc) cores); $RUNS runs each"
py=$(median_time python "${py_cmd[@]}")
echo "python  median: ${py} s   ($("$PYTHON" --version 2>&1))"
mj=$(median_time mirror "${mirror_cmd[@]}")
echo "mirror  median: ${mj} s   (java -jar, including JVM start-up)"
echo "ratio mirror/python: $(awk -v a="$mj" -v b="$py" 'BEGIN { printf "%.2f", a / b }')"
ml=$(median_time launcher "${launcher_cmd[@]}")
echo "./mirror median: ${ml} s   (the launcher: its JVM options, class-data sharing)"
echo "ratio ./mirror/python: $(awk -v a="$ml" -v b="$py" 'BEGIN { printf "%.2f", a / b }')"

# In-JVM time after warm-up.
bench_compile_tests
cp=$(bench_classpath)
"$JAVA" ${JAVA_OPTS:--XX:+UseParallelGC} -cp "$cp" dev.mirror.bench.BuildFileThroughput --compute "$PROGRAM" \
  >"$mirror_out"
cat "$mirror_out"
jvm=$(tail -1 "$mirror_out" | sed -n 's/.*: \([0-9.]*\) s.*/\1/p')
echo "mirror in-JVM median after warm-up: ${jvm} s"
echo "ratio mirror in-JVM/python: $(awk -v a="$jvm" -v b="$py" 'BEGIN { printf "%.2f", a / b }')"
echo "load average after: $(bench_load)"
