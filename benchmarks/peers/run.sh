#!/usr/bin/env bash
# Brisk against what a Java developer would otherwise pick: the same HTTP API function (GET /hello?name=Jane
# answers {"message":"Hello, Jane!"}, any other path a JSON 404) built with each framework the way its own
# documentation packages it for Lambda, checked, then measured by brisk:coldstart under the real runtime
# client, each row in its own run interleaved with the empty-handler floor.
#
# Usage: benchmarks/peers/run.sh [runs]    (default 10 fresh JVMs per row, and as many floors)
#        benchmarks/peers/run.sh --smoke   (build every row and check both answers; no measurement)
#
# Writes benchmarks/peers/results/peers.{md,json,svg} (full run only); everything else stays in
# benchmarks/peers/target/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

smoke=false
runs=10
case "${1:-}" in
  --smoke) smoke=true ;;
  "") ;;
  *[!0-9]*) echo "usage: $0 [runs] | --smoke" >&2; exit 2 ;;
  *) runs="$1" ;;
esac

# shellcheck source=../coldstart/lib.sh
. "$root/benchmarks/coldstart/lib.sh"
pick_jdk
export JAVA_HOME

mvn=("$root/mvnw" -B)
plugin=dev.brisk:brisk-maven-plugin:0.1.0-SNAPSHOT
brisk_version=0.1.0-SNAPSHOT
hello="$here/events/hello.json"
not_found="$here/events/not-found.json"
# Maven's own JVM for builds and checks: C1 and the serial collector start short builds faster. The measured
# functions run in JVMs of their own, with Lambda's flags; brisk:coldstart keeps Maven's defaults.
build_opts="${MAVEN_OPTS:-} -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

# row | source folder (brisk: generated) | extra Maven arguments for its build | what it is
# (micronaut-aot: Micronaut AOT 2.8.0, as the 2.9.0 that micronaut-parent 4.10.8 names has no micronaut-aot-cli
# jar on the Maven mirror these machines reach; README: the rows, and the lighter options not taken)
rows=(
  "brisk|brisk||Brisk: the HTTP API template as generated"
  "sam|sam||AWS SAM hello-world shape (typed RequestHandler)"
  "quarkus|quarkus||Quarkus + quarkus-amazon-lambda-http"
  "micronaut|micronaut||Micronaut + function-aws-api-proxy"
  "micronaut-aot|micronaut|-Dmicronaut.aot.enabled=true -Dmicronaut.aot.version=2.8.0|Micronaut + function-aws-api-proxy, Micronaut AOT"
  "spring-cloud-function|spring-cloud-function||Spring Cloud Function AWS adapter"
  "spring-cloud-function-aot|spring-cloud-function|-Paot|Spring Cloud Function AWS adapter, Spring AOT"
  "springboot3|springboot3||Spring Boot 3 + aws-serverless-java-container"
)

work="$here/target/work"
logs="$here/target/logs"
results="$here/target/results"
rm -rf "$work" "$logs" "$results"
mkdir -p "$work" "$logs" "$results"

started=$(date +%s)
passed=0
failed=0
failures=()
checked_rows=()

# Lays out a row's project in $work/<row>: a copy of its folder, or for Brisk a freshly generated project.
prepare() {
  local row="$1" source="$2"
  if [ "$source" = brisk ]; then
    # default properties but the names; the template already greets by ?name= on GET /hello
    (cd "$work" && "${mvn[@]}" archetype:generate -DinteractiveMode=false \
      -DarchetypeGroupId=dev.brisk -DarchetypeArtifactId=brisk-http-api-archetype -DarchetypeVersion="$brisk_version" \
      -DgroupId=com.example -DartifactId=http-api -Dversion=1.0 -Dpackage=com.example.hello \
      && mv http-api "$row") > "$logs/$row-generate.log" 2>&1
  else
    mkdir -p "$work/$row"
    (cd "$here/$source" && tar --exclude=./target -cf - .) | (cd "$work/$row" && tar -xf -)
  fi
}

# Builds a row and checks both answers; prints one line. Returns non-zero when anything is wrong.
check_row() {
  local row="$1" source="$2" args="$3" t0 t1 line
  t0=$(date +%s)
  if ! prepare "$row" "$source"; then
    echo "FAIL $row: could not lay out the project (see $logs/$row-generate.log)"
    tail -20 "$logs/$row-generate.log" | sed 's/^/    /'
    return 1
  fi
  # package and the first invocation in one Maven run; tests are not what is compared here
  # shellcheck disable=SC2086
  if ! (cd "$work/$row" && MAVEN_OPTS="$build_opts" "${mvn[@]}" package -Dmaven.test.skip=true $args \
      "$plugin:invoke" -Dbrisk.event="$hello") \
      > "$logs/$row-hello.log" 2>&1; then
    if ! grep -q "\] Response:" "$logs/$row-hello.log"; then
      echo "FAIL $row: build or invocation failed (see $logs/$row-hello.log)"
      grep -E "^\[ERROR\]" "$logs/$row-hello.log" | head -5 | sed 's/^/    /'
      return 1
    fi
  fi
  local hello_line not_found_line
  if ! hello_line=$(python3 "$here/check.py" hello "$logs/$row-hello.log"); then
    echo "FAIL $row: $hello_line (see $logs/$row-hello.log)"
    return 1
  fi
  (cd "$work/$row" && MAVEN_OPTS="$build_opts" "${mvn[@]}" "$plugin:invoke" -Dbrisk.event="$not_found") > "$logs/$row-not-found.log" 2>&1 || true
  if ! not_found_line=$(python3 "$here/check.py" not-found "$logs/$row-not-found.log"); then
    echo "FAIL $row: $not_found_line (see $logs/$row-not-found.log)"
    return 1
  fi
  t1=$(date +%s)
  line="ok   $row ($((t1 - t0)) s): ${hello_line#hello: } | ${not_found_line#not-found: }"
  echo "${line:0:200}"
}

for entry in "${rows[@]}"; do
  IFS='|' read -r row source args what <<< "$entry"
  if check_row "$row" "$source" "$args"; then
    passed=$((passed + 1))
    checked_rows+=("$entry")
  else
    failed=$((failed + 1))
    failures+=("$row")
  fi
done

if $smoke || [ "$failed" -gt 0 ]; then
  echo "Checked in $(( $(date +%s) - started )) s."
  [ "$failed" -gt 0 ] && echo "Wrong or broken: ${failures[*]} (logs in $logs)"
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
fi

echo "All $passed rows answer correctly; measuring, $runs fresh JVMs per row and as many floors"
: > "$results/rows.tsv"
for entry in "${checked_rows[@]}"; do
  IFS='|' read -r row source args what <<< "$entry"
  (cd "$work/$row" && "${mvn[@]}" "$plugin:coldstart" -Dbrisk.runs="$runs" -Dbrisk.event="$hello" \
      -Dbrisk.coldstartJson="$results/$row.json") > "$logs/$row-coldstart.log" 2>&1 \
    || { echo "brisk:coldstart failed for $row (see $logs/$row-coldstart.log)" >&2; exit 1; }
  printf '%s\t%s\t%s\n' "$row" "$(basename "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["jar"])' "$results/$row.json")")" "$what" >> "$results/rows.tsv"
  echo "$row: $(grep -E "Ratio to floor" "$logs/$row-coldstart.log" | sed 's/^\[INFO\] //')"
done

mkdir -p "$here/results"
python3 "$here/report.py" "$results" "$here/results" "$runs"
echo "Measured in $(( $(date +%s) - started )) s; table: benchmarks/peers/results/peers.md, chart: benchmarks/peers/results/peers.svg"
cat "$here/results/peers.md"
