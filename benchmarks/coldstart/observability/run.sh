#!/usr/bin/env bash
# Cold start of the observability template against the empty-handler floor, measured with brisk:coldstart in
# serverless-examples/observability, in the cases a Lambda invocation meets:
#   unsampled       the local runtime's trace header says Sampled=0: a span is made, nothing is exported
#   sampled         every span exported (OTEL_TRACES_SAMPLER=always_on) to a local OTLP/HTTP stand-in (Sink.java),
#                   flushed before the response: what a sampled invocation with active tracing pays
#   sampled-jdk     sampled, sent by OpenTelemetry's OTLP exporter and JDK sender (OTLP_SENDER=jdk, the JDK's
#                   java.net.http client) instead of the template's OtlpSpans and CollectorSender (HttpURLConnection):
#                   what that choice buys
#   collector-down  every span exported to a port nobody listens on: the flush fails fast, one warning
#   snapstart       sampled, with SnapStart emulated (priming before the snapshot)
#
# Usage: benchmarks/coldstart/observability/run.sh [runs]     (default 10 fresh JVMs per case, and as many floors)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
runs="${1:-10}"

# shellcheck source=../lib.sh
. "$here/../lib.sh"
pick_jdk

cd "$root"
./mvnw -B -q install -DskipTests -Darchetype.test.skip=true -Dinvoker.skip=true \
  -pl parent-bom/bom,parent-bom/parent,brisk-lambda,brisk-lambda-test,brisk-maven-plugin -am

work="$root/target/coldstart-observability"
rm -rf "$work" && mkdir -p "$work" && cp -r "$root/serverless-examples/observability" "$work/project"

port="$(free_port)"
"$JAVA_HOME/bin/java" "$here/Sink.java" "$port" > "$work/sink.log" 2>&1 &
sink=$!
trap 'kill $sink 2>/dev/null || true' EXIT
wait_for "http://127.0.0.1:$port/"
down="$(free_port)"

cd "$work/project"
"$root/mvnw" -B -q package -Dmaven.test.skip=true
measure() {  # name, then brisk:coldstart flags
  local name="$1"
  shift
  echo "== $name (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  "$root/mvnw" -B brisk:coldstart -Dbrisk.runs="$runs" -Dbrisk.coldstartJson="$work/$name.json" "$@" \
    | sed -n '/Cold start of/,/Ratio to floor/p'
}
measure unsampled -Dbrisk.snapStart=false
measure sampled -Dbrisk.snapStart=false "-Dbrisk.env=OTEL_TRACES_SAMPLER=always_on,OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$port"
measure sampled-jdk -Dbrisk.snapStart=false "-Dbrisk.env=OTEL_TRACES_SAMPLER=always_on,OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$port,OTLP_SENDER=jdk"
measure collector-down -Dbrisk.snapStart=false "-Dbrisk.env=OTEL_TRACES_SAMPLER=always_on,OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$down"
measure snapstart -Dbrisk.snapStart=true "-Dbrisk.env=OTEL_TRACES_SAMPLER=always_on,OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$port"
