#!/usr/bin/env bash
# Scale curve of fleet-cost and plan in Spark local mode with the driver at -Xmx2g: for each size, a
# seeded synthetic trace (generated once into bench/out/), then
#   fleet-cost: in ONE JVM and SparkSession the bare scan (sum of the token columns), fleet-cost's
#     aggregation pass (best of 2) and the whole job (rejects, summary, reports) once; 1 model x 6
#     strategies x 1 deployment;
#   plan: in ONE JVM and SparkSession the bare scan and the whole plan job once; llama-2-7b on
#     h100-sxm:1, greedy, the reference SLO (p99 TTFT 2 s, TPOT 0.1 s), round-robin routing.
# Arrivals are Poisson at RATE requests/s (default 1200: 100M requests span about 23 hours and
# need a fleet of many replicas, as a production trace would).
#   bench/scale-bench.sh [SIZES...]    default: 1000000 10000000 100000000
#   RATE=3000 bench/scale-bench.sh 1000000
#   JOBS=fleet-cost bench/scale-bench.sh     only fleet-cost (JOBS=plan: only plan)
# Needs ~0.5 GB of disk per 100M rows.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000000 10000000 100000000)
rate="${RATE:-1200}"
jobs="${JOBS:-fleet-cost plan}"
mkdir -p bench/out
mvn -B -q -DskipTests package
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
export SPARK_LOCAL_IP=127.0.0.1
classpath="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
for n in "${sizes[@]}"; do
  trace="bench/out/synthetic-${n}-${rate}rps.parquet"
  if [[ ! -f "$trace" ]]; then
    jobs/tokenfleet generate --requests "$n" --seed 1 --max-prompt-tokens 3072 --max-output-tokens 1024 \
      --arrivals "poisson:${rate}" --out "$trace"
  fi
  echo "== $n requests at ${rate} req/s ($(du -h "$trace" | cut -f1))"
  if [[ " $jobs " == *" fleet-cost "* ]]; then
    echo "-- fleet-cost"
    /usr/bin/time -f "wall %e s, peak RSS %M KiB" java -Xmx2g -Dspark.ui.showConsoleProgress=false @jobs/jvm.args \
      -cp "$classpath" io.tokenfleet.bench.FleetCostBench "$trace" llama-2-7b h100-sxm:1 2 "bench/out/fleet-cost-${n}" 2>&1 \
      | grep -v -E "WARN|^\s*$"
  fi
  if [[ " $jobs " == *" plan "* ]]; then
    echo "-- plan"
    /usr/bin/time -f "wall %e s, peak RSS %M KiB" java -Xmx2g -Dspark.ui.showConsoleProgress=false @jobs/jvm.args \
      -cp "$classpath" io.tokenfleet.bench.PlanBench "$trace" "bench/out/plan-${n}" llama-2-7b h100-sxm:1 2>&1 \
      | grep -v -E "WARN|^\s*$"
  fi
done
