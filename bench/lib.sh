# Shared helpers for the bench/ scripts; sourced, not run. Expects the project root as cwd.

# Runs mvn quietly; shows its output (on stderr) only when it fails.
bench_mvn() {
  local log
  if ! log=$(mvn -q -B "$@" 2>&1); then
    printf '%s\n' "$log" >&2
    echo "mvn $* failed" >&2
    return 1
  fi
}

# Runs `mvn -q -DskipTests test-compile` unless BuildFileThroughput.class is newer than every
# source file under src/ (so both the interpreter and the benchmark class are current).
bench_compile_tests() {
  local cls=target/test-classes/dev/mirror/bench/BuildFileThroughput.class
  if [ ! -f "$cls" ] || [ -n "$(find src pom.xml -newer "$cls" -type f -print -quit)" ]; then
    echo "compiling (mvn -q -DskipTests test-compile) ..." >&2
    bench_mvn -DskipTests test-compile
  fi
}

# Prints the classpath for running dev.mirror.bench.BuildFileThroughput.
bench_classpath() {
  local f
  f=$(mktemp)
  bench_mvn dependency:build-classpath -Dmdep.outputFile="$f" -Dmdep.includeScope=runtime
  printf '%s' "target/classes:target/test-classes:$(cat "$f")"
  rm -f "$f"
}

# Median of numbers given one per line on stdin.
bench_median() {
  sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "nan"; exit }
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Prints the 1-minute load average, so that noisy runs can be recognised.
bench_load() {
  cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?"
}
