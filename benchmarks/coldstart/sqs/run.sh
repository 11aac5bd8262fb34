#!/usr/bin/env bash
# Cold start of the SQS consumer template against the empty-handler floor, with its DynamoDB idempotency store
# (the default) and without it (idempotencyStore=none), measured with brisk:coldstart.
#
# The store's claims need a DynamoDB: this starts moto_server (pip install 'moto[server]') on a free port,
# creates the table and points the function at it with -Dbrisk.env=AWS_ENDPOINT_URL_DYNAMODB=... The local
# endpoint is plain HTTP: on Lambda the first call also pays a TLS handshake, as any client would.
#
# Usage: benchmarks/coldstart/sqs/run.sh [runs]     (default 10 fresh JVMs per variant, and as many floors)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
runs="${1:-10}"

if [ -z "${JAVA_HOME:-}" ]; then
  for jdk in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-*; do
    [ -x "$jdk/bin/java" ] && export JAVA_HOME="$jdk" && break
  done
fi
command -v moto_server >/dev/null || { echo "moto_server not found: pip install 'moto[server]'" >&2; exit 1; }

cd "$root"
./mvnw -B -q install -DskipTests -Darchetype.test.skip=true -Dinvoker.skip=true \
  -pl parent-bom/bom,parent-bom/parent,brisk-maven-plugin,archetypes/brisk-sqs-archetype -am

work="$root/target/coldstart-sqs"
rm -rf "$work" && mkdir -p "$work"

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
moto_server -H 127.0.0.1 -p "$port" > "$work/moto.log" 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null || true' EXIT
endpoint="http://127.0.0.1:$port"
for _ in $(seq 1 50); do curl -s -o /dev/null "$endpoint" && break; sleep 0.2; done

# The table serverless.yml names for the dev stage, created as its IdempotencyTable resource is
python3 - "$endpoint" <<'PY'
import sys, boto3
dynamodb = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1",
                        aws_access_key_id="test", aws_secret_access_key="test")
dynamodb.create_table(TableName="sqs-consumer-dev-idempotency", BillingMode="PAY_PER_REQUEST",
                      AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                      KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
PY

# IDEMPOTENCY_TTL_SECONDS=-1: a completed claim expires at once, so every run applies the batch afresh (a claim
# and a completion per valid record) instead of finding it applied by the run before
measure() {  # name, store
  local name="$1" store="$2"
  echo "== $name"
  (cd "$work" && "$root/mvnw" -B -q archetype:generate -DarchetypeGroupId=dev.brisk \
    -DarchetypeArtifactId=brisk-sqs-archetype -DarchetypeVersion=0.1.0-SNAPSHOT -DgroupId=com.example \
    -DartifactId=sqs-consumer -Dpackage=com.example.consumer -DidempotencyStore="$store" \
    -DinteractiveMode=false && mv sqs-consumer "$name")
  (cd "$work/$name" && "$root/mvnw" -B -q package -Dmaven.test.skip=true && \
    "$root/mvnw" -B brisk:coldstart -Dbrisk.runs="$runs" -Dbrisk.event=events/batch.json \
      "-Dbrisk.env=AWS_ENDPOINT_URL_DYNAMODB=$endpoint,IDEMPOTENCY_TTL_SECONDS=-1" | sed -n '/Cold start of/,/Ratio to floor/p')
}

measure dynamodb dynamodb
measure no-store none
