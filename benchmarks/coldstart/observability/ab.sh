#!/usr/bin/env bash
# A/B of one variant of the observability template against the template as it is: each variant is a Python script
# that edits a copy of serverless-examples/observability (its one argument is the copy's directory). Both copies are
# measured with brisk:coldstart, round after round (A then B, unsampled then sampled), each against the floor in the
# same run: compare the ratios.
#
# Usage: benchmarks/coldstart/observability/ab.sh variants/<name>.py     (RUNS=6 JVMs per case, ROUNDS=2)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
variant="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
runs="${RUNS:-6}"
rounds="${ROUNDS:-2}"

# shellcheck source=../lib.sh
. "$here/../lib.sh"
pick_jdk

cd "$root"
[ -n "${SKIP_INSTALL:-}" ] || ./mvnw -B -q install -DskipTests -Darchetype.test.skip=true -Dinvoker.skip=true \
  -pl parent-bom/bom,parent-bom/parent,brisk-lambda,brisk-lambda-test,brisk-maven-plugin -am

work="$root/target/coldstart-observability-ab"
rm -rf "$work" && mkdir -p "$work"
cp -r "$root/serverless-examples/observability" "$work/A"
cp -r "$root/serverless-examples/observability" "$work/B"
python3 "$variant" "$work/B"

port="$(free_port)"
"$JAVA_HOME/bin/java" "$here/Sink.java" "$port" > "$work/sink.log" 2>&1 &
sink=$!
trap 'kill $sink 2>/dev/null || true' EXIT
wait_for "http://127.0.0.1:$port/"

for v in A B; do (cd "$work/$v" && "$root/mvnw" -B -q package -Dmaven.test.skip=true); done
echo "A: the template; B: $(basename "$variant"). Medians: function, then floor."
for round in $(seq 1 "$rounds"); do
  for v in A B; do
    for case in unsampled sampled; do
      env=()
      [ "$case" = sampled ] && env=("-Dbrisk.env=OTEL_TRACES_SAMPLER=always_on,OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$port")
      out="$(cd "$work/$v" && "$root/mvnw" -B brisk:coldstart -Dbrisk.runs="$runs" -Dbrisk.snapStart=false "${env[@]}" \
        | sed -n '/Cold start of/,/Ratio to floor/p')"
      echo "round $round $v $case (load $(cut -d' ' -f1 /proc/loadavg)): $(echo "$out" \
        | grep -E 'init|first invoke|total|classes|Ratio' | sed 's/\[INFO\] *//; s/  */ /g' | tr '\n' '|')"
    done
  done
done
