#!/usr/bin/env bash
# BUILD-file throughput of mirror's Starlark interpreter, in one JVM after warm-up.
#
#   bench/build-files.sh           # 10000 generated BUILD files
#   bench/build-files.sh 50000     # another count
#
# Runs dev.mirror.bench.BuildFileThroughput --build-files N (src/test/java), which generates N
# typical BUILD files (20-80 lines) in memory, parses + evaluates them 3 x N times to warm up,
# then times rounds on one thread and on a pool of availableProcessors() threads.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

N=${1:-${N:-10000}}
JAVA=${JAVA:-java}

bench_compile_tests
cp=$(bench_classpath)
echo "load average before: $(bench_load) ($(nproc) cores)"
"$JAVA" ${JAVA_OPTS:--XX:+UseParallelGC} -cp "$cp" dev.mirror.bench.BuildFileThroughput --build-files "$N"
echo "load average after: $(bench_load)"
