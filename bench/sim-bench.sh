#!/usr/bin/env bash
# Simulator throughput benchmark: requests simulated per second of wall time on one thread, one
# replica of llama-2-7b on h100-sxm:1 with the roofline and scheduler of reference.conf.
# Usage: bench/sim-bench.sh [requests=2000000] [batch=32 | rate=REQ_PER_S] [seed=1]
#   batch=B calibrates the arrival rate to a time-weighted mean batch of B sequences.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx4g -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" io.tokenfleet.bench.SimBench "$@"
