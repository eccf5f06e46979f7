#!/usr/bin/env bash
# Scale curve of fleet-cost in Spark local mode with the driver at -Xmx2g: for each size, a
# seeded synthetic trace (generated once into bench/out/), then in ONE JVM and SparkSession the
# bare scan (sum of the token columns), fleet-cost's aggregation pass (best of 2) and the whole job
# (rejects, summary, reports) once; 1 model x 6 strategies x 1 deployment.
#   bench/scale-bench.sh [SIZES...]    default: 1000000 10000000 100000000
# Needs ~0.5 GB of disk per 100M rows.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000000 10000000 100000000)
mkdir -p bench/out
mvn -B -q -DskipTests package
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
export SPARK_LOCAL_IP=127.0.0.1
for n in "${sizes[@]}"; do
  trace="bench/out/synthetic-${n}.parquet"
  if [[ ! -f "$trace" ]]; then
    jobs/tokenfleet generate --requests "$n" --seed 1 --max-prompt-tokens 3072 --max-output-tokens 1024 --out "$trace"
  fi
  echo "== $n requests ($(du -h "$trace" | cut -f1))"
  /usr/bin/time -f "wall %e s, peak RSS %M KiB" java -Xmx2g -Dspark.ui.showConsoleProgress=false @jobs/jvm.args \
    -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    io.tokenfleet.bench.FleetCostBench "$trace" llama-2-7b h100-sxm:1 2 "bench/out/fleet-cost-${n}" 2>&1 \
    | grep -v -E "WARN|^\s*$"
done
