#!/usr/bin/env bash
# Cold start of serverless-examples/s3-pipeline doing its whole job: brisk:coldstart against moto_server, with an
# Object Created event for a real object, so that every fresh JVM builds the S3 client, reads, validates and writes
# (fixture.py sweeps each run's result and marker away before the next run, so no run is a cheap duplicate).
# Measured twice: on demand (-Dbrisk.snapStart=false, the headline) and with SnapStart. Locally a snapshot cannot
# be restored: SnapStart's "init" is init plus priming (beforeCheckpoint), and its "first invoke" is the figure to
# read, the first request after priming.
#
# Usage: benchmarks/coldstart/s3-pipeline/run.sh [runs]   (default 10 fresh JVMs per mode, and as many floors)
#        PROJECT=/some/variant benchmarks/coldstart/s3-pipeline/run.sh 5   measures another copy of the project
#        MODES=false benchmarks/coldstart/s3-pipeline/run.sh                on demand only
# Needs: moto_server and python3 with boto3 on PATH.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
runs="${1:-10}"

# shellcheck source=../lib.sh
. "$here/../lib.sh"
pick_jdk
require_moto

cd "$root"
./mvnw -B -q install -DskipTests -Darchetype.test.skip=true -Dinvoker.skip=true \
  -pl parent-bom/bom,parent-bom/parent,brisk-lambda,brisk-lambda-test,brisk-maven-plugin -am

work="$root/target/coldstart-s3-pipeline"
rm -rf "$work" && mkdir -p "$work"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

port="$(free_port)"
endpoint="http://127.0.0.1:$port"
moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
pids+=("$!")
wait_for "$endpoint/moto-api/"
python3 "$here/fixture.py" setup "$endpoint" "$work/event.json"

cp -r "${PROJECT:-$root/serverless-examples/s3-pipeline}" "$work/project"
rm -rf "$work/project/target"
cd "$work/project"
"$root/mvnw" -B -q package -Dmaven.test.skip=true
echo "jar: $(du -k target/s3-pipeline.jar | cut -f1) KB"

for snap in ${MODES:-false true}; do
  python3 "$here/fixture.py" sweep "$endpoint" "$work/swept-$snap.txt" &
  sweeper=$!
  pids+=("$sweeper")
  echo
  echo "== brisk:coldstart -Dbrisk.snapStart=$snap"
  "$root/mvnw" -B brisk:coldstart -Dbrisk.runs="$runs" -Dbrisk.snapStart="$snap" -Dbrisk.event="$work/event.json" \
    -Dbrisk.env="S3_ENDPOINT=$endpoint,S3_PATH_STYLE=true" -Dbrisk.coldstartJson="$work/coldstart-snapstart-$snap.json" \
    | sed -n 's/^\[INFO\] //p' | grep -E -A12 "^Cold start of"
  sleep 0.5
  kill "$sweeper" 2>/dev/null || true
  # one class-count run plus the timed runs, each must have processed the object
  echo "runs that processed the object: $(cat "$work/swept-$snap.txt" 2>/dev/null || echo 0) (expected $((runs + 1)))"
done
