#!/usr/bin/env bash
# fleet-cost vs a bare Spark scan (sum of the token columns) of the same file, in one JVM and one
# SparkSession: 1 model x 6 strategies (greedy, beam:4, parallel:4, each with and without cache)
# x 1 deployment, Spark local[*]. Prints the bare scan and the aggregation pass (best of 5 each),
# then the whole job as the CLI runs it (input checks, aggregation, rejects, summary, reports,
# _SUCCESS) once, written to OUT_DIR (replaced).
#   bench/fleet-cost-bench.sh [ROWS=10000000] [MODEL=llama-2-7b] [GPU:TP=h100-sxm:1] [OUT_DIR=bench/out/fleet-cost-bench]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-10000000}"
model="${2:-llama-2-7b}"
deployment="${3:-h100-sxm:1}"
out_dir="${4:-bench/out/fleet-cost-bench}"
mkdir -p bench/out
trace="bench/out/synthetic-${rows}.parquet"
mvn -B -q -DskipTests package
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
if [[ ! -f "$trace" ]]; then
  # Prompt and output clamped so that every request fits a 4,096-token context (none rejected).
  jobs/tokenfleet generate --requests "$rows" --seed 1 --max-prompt-tokens 3072 --max-output-tokens 1024 --out "$trace"
fi
export SPARK_LOCAL_IP=127.0.0.1
exec java -Xmx2g -Dspark.ui.showConsoleProgress=false @jobs/jvm.args -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.tokenfleet.bench.FleetCostBench "$trace" "$model" "$deployment" 5 "$out_dir"
