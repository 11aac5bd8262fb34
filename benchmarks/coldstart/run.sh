#!/usr/bin/env bash
# What each cold-start optimisation of the HTTP API template buys, measured with brisk:coldstart.
# Every variant is serverless-examples/http-api with one choice undone; each is measured against the
# empty-handler floor in its own interleaved run, so compare the ratios, not the milliseconds.
#
# Usage: benchmarks/coldstart/run.sh [runs]     (default 10 fresh JVMs per variant, and as many floors)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-10}"

# shellcheck source=lib.sh
. "$here/lib.sh"
pick_jdk

cd "$root"
./mvnw -B -q install -DskipTests -Darchetype.test.skip=true -Dinvoker.skip=true -pl parent-bom/bom,parent-bom/parent,brisk-lambda,brisk-lambda-test,brisk-maven-plugin -am

work="$root/target/coldstart-comparison"
rm -rf "$work" && mkdir -p "$work"

# name | extra JVM flags (both function and floor get them) | what is undone
variants=(
  "shipped||nothing: the template as generated"
  "jackson-jr||JSON through jackson-jr instead of org.json"
  "pojo-events||RequestHandler<APIGatewayV2HTTPEvent, …> with the runtime's POJO serializer instead of a stream handler"
  "unminimized||the shaded jar without minimizeJar"
)

for entry in "${variants[@]}"; do
  IFS='|' read -r name flags what <<< "$entry"
  echo "== $name: $what"
  dir="$work/$name"
  cp -r "$root/serverless-examples/http-api" "$dir"
  if [ -x "$here/variants/$name/apply.sh" ]; then
    (cd "$dir" && "$here/variants/$name/apply.sh" "$here/variants/$name")
  fi
  (cd "$dir" && "$root/mvnw" -B -q package -Dmaven.test.skip=true && \
    "$root/mvnw" -B brisk:coldstart -Dbrisk.runs="$runs" ${flags:+"-Dbrisk.jvmArgs=$flags"} | grep -E "Ratio|total \(ms\)|classes|jar size")
  echo "$what" > "$dir/target/brisk/variant.txt"
done

"$JAVA_HOME/bin/java" "$here/Summary.java" "$work" | tee "$work/summary.md"
