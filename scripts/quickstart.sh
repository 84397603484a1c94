#!/usr/bin/env bash
# `npm run quickstart`: the main job, end to end on this machine. Installs what is missing (pinned
# Spark, the JVM jars), starts the embedded Armada, submits the Pi example (a driver and two
# executors, real Spark JVMs, one gang), follows it to the end, prints the Pi line from the
# driver's log and the application's status, and stops the embedded Armada.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${QUICKSTART_PORT:-50051}
lookout_port=${QUICKSTART_LOOKOUT_PORT:-30000}
master="armada://localhost:${port}"

echo "== Installing the pinned Spark and building the JVM jars (cached after the first run)"
bash scripts/setup-spark.sh >/dev/null
bash scripts/build-jvm.sh
npm run build --silent

work=$(mktemp -d)
echo "== Starting the embedded Armada (armada-spark dev) on port ${port}"
bin/armada-spark dev --ephemeral --port "${port}" --lookout-port "${lookout_port}" >"${work}/dev.log" 2>&1 &
dev_pid=$!
stop_dev() {
  kill "${dev_pid}" 2>/dev/null || true
  wait "${dev_pid}" 2>/dev/null || true
  rm -rf "${work}"
}
trap stop_dev EXIT
for _ in $(seq 1 100); do
  grep -q "Armada API on" "${work}/dev.log" 2>/dev/null && break
  if ! kill -0 "${dev_pid}" 2>/dev/null; then
    echo "armada-spark dev exited early:" >&2
    cat "${work}/dev.log" >&2
    exit 1
  fi
  sleep 0.2
done
grep -m1 "Armada API on" "${work}/dev.log"

job_set="spark-pi-$(date +%s)"
examples_jar="$PWD/jvm/examples/target/armada-spark-examples.jar"
echo "== Submitting Pi (driver + 2 executors) as job set ${job_set}"
set +e
bin/armada-spark-submit --master "${master}" --deploy-mode cluster \
  --name spark-pi --class io.armadaproject.spark.examples.SparkPi \
  --conf spark.executor.instances=2 \
  --conf spark.armada.container.image=apache/spark:4.1.1 \
  --conf spark.armada.jobSetId="${job_set}" \
  --conf spark.armada.lookouturl="http://localhost:${lookout_port}" \
  "${examples_jar}" 100
code=$?
set -e

echo "== The driver's log says:"
bin/armada-spark logs "${job_set}" --master "${master}" | grep "Pi is roughly" || echo "(no Pi line in the driver's log)"
echo "== Status"
bin/armada-spark status "${job_set}" --master "${master}"
exit "${code}"
