#!/usr/bin/env bash
# Simulator throughput benchmark: requests simulated per second of wall time on one thread.
# Usage: bench/sim-bench.sh [requests=2000000] [busyTarget=0.7 | rate=REQ_PER_S] [seed=1]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile
exec java -Xmx4g -cp target/classes:target/test-classes io.tokenfleet.bench.SimBench "$@"
