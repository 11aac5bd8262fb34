#!/usr/bin/env bash
# Cold start of the SQS consumer template against the empty-handler floor, with its DynamoDB idempotency store
# (the default) and without it (idempotencyStore=none), measured with brisk:coldstart.
#
# The store's claims need a DynamoDB: this starts moto_server (pip install 'moto[server]') on a free port,
# creates the table and points the function at it with -Dbrisk.env=AWS_ENDPOINT_URL_DYNAMODB=... The local
# endpoint is plain HTTP unless TLS=1: then moto_server serves HTTPS with a certificate made for the run, and the
# JVMs trust the JDK's CA certificates plus that one, so the first call pays what it pays on Lambda: the TLS
# context (trust store, JCE providers) and a handshake.
#
# Usage: benchmarks/coldstart/sqs/run.sh [runs]     (default 10 fresh JVMs per variant, and as many floors)
#        TLS=1 benchmarks/coldstart/sqs/run.sh [runs]
#        BEFORE=<commit> benchmarks/coldstart/sqs/run.sh [runs]   (also the example as committed then, e.g. before a
#                                                                  template change, measured the same way)
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
  -pl parent-bom/bom,parent-bom/parent,brisk-lambda,brisk-lambda-test,brisk-maven-plugin,archetypes/brisk-sqs-archetype -am

work="$root/target/coldstart-sqs"
sdk_commit=d49c791^
rm -rf "$work" && mkdir -p "$work"

port="$(free_port)"
tls=() jvm=()
if [ "${TLS:-0}" = 1 ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
  cp "$JAVA_HOME/lib/security/cacerts" "$work/truststore.p12" && chmod u+w "$work/truststore.p12"
  "$JAVA_HOME/bin/keytool" -importcert -noprompt -alias moto -file "$work/cert.pem" \
    -keystore "$work/truststore.p12" -storepass changeit > /dev/null
  tls=(-c "$work/cert.pem" -k "$work/key.pem")
  # both the function and the floor get the flag; only the function opens a connection
  jvm=("-Dbrisk.jvmArgs=-Djavax.net.ssl.trustStore=$work/truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit")
  endpoint="https://127.0.0.1:$port"
else
  endpoint="http://127.0.0.1:$port"
fi
moto_server -H 127.0.0.1 -p "$port" "${tls[@]}" > "$work/moto.log" 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null || true' EXIT
wait_for "$endpoint"

# The table serverless.yml names for the dev stage, created as its IdempotencyTable resource is
python3 - "$endpoint" <<'PY'
import sys, boto3, urllib3
urllib3.disable_warnings()
dynamodb = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1", verify=False,
                        aws_access_key_id="test", aws_secret_access_key="test")
dynamodb.create_table(TableName="sqs-consumer-dev-idempotency", BillingMode="PAY_PER_REQUEST",
                      AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                      KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
PY

# IDEMPOTENCY_TTL_SECONDS=-1: a completed claim expires at once, so every run applies the batch afresh (a claim
# and a completion per valid record) instead of finding it applied by the run before
measure() {  # name (a project folder under $work)
  echo "== $1"
  (cd "$work/$1" && "$root/mvnw" -B -q package -Dmaven.test.skip=true && \
    "$root/mvnw" -B brisk:coldstart -Dbrisk.runs="$runs" -Dbrisk.event=events/batch.json -Dbrisk.snapStart=false \
      "${jvm[@]}" "-Dbrisk.env=AWS_ENDPOINT_URL_DYNAMODB=$endpoint,IDEMPOTENCY_TTL_SECONDS=-1" \
      | sed -n '/Cold start of/,/Ratio to floor/p')
}

generate() {  # name, idempotencyStore
  (cd "$work" && "$root/mvnw" -B -q archetype:generate -DarchetypeGroupId=dev.brisk \
    -DarchetypeArtifactId=brisk-sqs-archetype -DarchetypeVersion=0.1.0-SNAPSHOT -DgroupId=com.example \
    -DartifactId=sqs-consumer -Dpackage=com.example.consumer -DidempotencyStore="$2" \
    -DinteractiveMode=false && mv sqs-consumer "$1")
}

generate dynamodb dynamodb
measure dynamodb
generate no-store none
measure no-store
# The template before its store dropped the AWS SDK (DynamoDbClient over the SDK's URL-connection client), from
# the repository's history, measured the same way (on demand)
mkdir -p "$work/sdk" && git -C "$root" archive "$sdk_commit" serverless-examples/sqs | tar -x -C "$work/sdk" --strip-components=2
measure sdk
if [ -n "${BEFORE:-}" ]; then
  mkdir -p "$work/before" && git -C "$root" archive "$BEFORE" serverless-examples/sqs | tar -x -C "$work/before" --strip-components=2
  measure before
fi
