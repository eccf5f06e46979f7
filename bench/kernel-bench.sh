#!/usr/bin/env bash
# JMH benchmark of the FLOPs kernel: ns per RequestFlops.of call (precomputed coefficients) for
# P in {128, 8192, 131072} x M in {16, 1024, 10000} x {beam:4, beam:4/no-cache}.
# Short settings (1 fork, 2 x 1 s warm-up, 3 x 1 s measurement): ~2 minutes for the 18 cases.
# Extra arguments go to JMH, e.g. bench/kernel-bench.sh -p strategy=beam:4 -rf json
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -o test-compile
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt

exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.openjdk.jmh.Main 'io.tokenfleet.bench.KernelBench' -f 1 -wi 2 -i 3 -w 1s -r 1s "$@"
