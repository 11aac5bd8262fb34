#!/usr/bin/env bash
# Cold start of serverless-examples/s3-pipeline doing its whole job, side by side with the same job written the way
# AWS's examples write it (baseline/: RequestHandler over aws-lambda-java-events, S3Client.create(), Jackson), and
# the empty-handler floor. brisk:coldstart runs against moto_server with an Object Created event for a real object,
# so every fresh JVM builds its S3 client, reads, validates and writes (fixture.py sweeps each run's result and
# marker away, so no run is a cheap duplicate).
#
# Interleaved by rounds: each round measures every row once (brisk:coldstart with RUNS fresh JVMs, each followed by
# a floor JVM); the table pools the rounds. Rows: the template on demand, the baseline on demand, and the template
# with SnapStart (locally a snapshot cannot be restored: its init is init plus priming, and its first invoke, the
# first request after priming, is the figure to read; Java 25 runs it with full tiered compilation, as Lambda does).
#
# S3 keeps connections alive; moto_server (Werkzeug's development server) closes each one after its answer. So the
# functions talk to moto_server through fixture.py front, which keeps their connection open as S3 does and passes
# each request on to moto_server over plain HTTP on loopback. Row brisk-snapstart-close measures the SnapStart first
# event through a front that closes every connection, as moto_server itself does: the fixture's share, separately.
#
# TLS=1: the front serves HTTPS with a certificate made for the run, and every JVM (floor too) trusts the JDK's CA
# certificates plus that one, so the first call pays what it pays on Lambda: the TLS context and a handshake. With
# TLS=1 a further row measures a lever: the template with a trust store holding only the five Amazon Trust Services
# roots (plus the run's certificate) instead of the JDK's ~140. After each round, fixture.py service times S3's own
# share of a run (moto_server's six answers, through the front, from a warm keep-alive connection): the floor under
# any first event.
#
# Usage: benchmarks/coldstart/s3-pipeline/run.sh [runs-per-round]    (default 2; ROUNDS=4 by default)
#        TLS=1 ROUNDS=5 benchmarks/coldstart/s3-pipeline/run.sh 2
#        ROWS="brisk baseline" PROJECT=/some/variant benchmarks/coldstart/s3-pipeline/run.sh   another copy, fewer rows
#        VARIANT=/a/changed/copy or VARIANT=variants/<name>.py (a script that changes a copy of the example): also
#        measures it, rows variant (on demand) and variant-snapstart, interleaved with the others
#        (ROWS="brisk-snapstart variant-snapstart" for an A/B)
#        SKIP_INSTALL=1: Brisk's modules are installed already; WORK=<dir>: another work folder (default
#        target/coldstart-s3-pipeline, -tls with TLS=1), so an HTTP and a TLS run can share a machine
# Needs: moto_server and python3 with boto3 on PATH; the baseline's first build downloads its dependencies.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
runs="${1:-2}"
rounds="${ROUNDS:-4}"

# shellcheck source=../lib.sh
. "$here/../lib.sh"
pick_jdk
require_moto
if [ -n "${VARIANT:-}" ]; then  # as given from here, or a name under this folder (variants/<name>.py)
  if [ -e "$VARIANT" ]; then VARIANT="$(cd "$(dirname "$VARIANT")" && pwd)/$(basename "$VARIANT")"
  elif [ -e "$here/$VARIANT" ]; then VARIANT="$here/$VARIANT"
  else echo "VARIANT=$VARIANT: no such file or folder" >&2; exit 1
  fi
fi

cd "$root"
[ -n "${SKIP_INSTALL:-}" ] || ./mvnw -B -q install -DskipTests -Darchetype.test.skip=true -Dinvoker.skip=true \
  -pl parent-bom/bom,parent-bom/parent,brisk-lambda,brisk-lambda-test,brisk-maven-plugin -am
plugin="dev.brisk:brisk-maven-plugin:0.1.0-SNAPSHOT"

suffix=""; [ "${TLS:-0}" = 1 ] && suffix=-tls
work="${WORK:-$root/target/coldstart-s3-pipeline$suffix}"
rm -rf "$work" && mkdir -p "$work/results"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

port="$(free_port)" moto_port="$(free_port)" close_port="$(free_port)"
tls=() trust_all=() trust_amazon=()
if [ "${TLS:-0}" = 1 ]; then
  # RSA 2048, as S3's own certificates (Amazon RSA 2048 M0x): the client verifies what it verifies on Lambda
  openssl req -x509 -newkey rsa -pkeyopt rsa_keygen_bits:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
  cp "$JAVA_HOME/lib/security/cacerts" "$work/truststore.p12" && chmod u+w "$work/truststore.p12"
  "$JAVA_HOME/bin/keytool" -importcert -noprompt -alias moto -file "$work/cert.pem" \
    -keystore "$work/truststore.p12" -storepass changeit > /dev/null 2>&1
  # The five Amazon Trust Services roots (Amazon Root CA 1-4, Starfield Services Root CA G2), taken from the JDK's
  for alias in $("$JAVA_HOME/bin/keytool" -list -cacerts -storepass changeit 2>/dev/null \
      | grep -i -E '^[^,]*(amazon ?root ?ca ?[1-4]|amazon_root_ca_[1-4]|starfield ?services|starfield_services)' | cut -d, -f1 | tr ' ' '?'); do
    alias="${alias//\?/ }"
    "$JAVA_HOME/bin/keytool" -exportcert -cacerts -storepass changeit -alias "$alias" -rfc > "$work/root.pem"
    "$JAVA_HOME/bin/keytool" -importcert -noprompt -alias "$alias" -file "$work/root.pem" \
      -keystore "$work/amazon-roots.p12" -storepass changeit > /dev/null 2>&1
  done
  "$JAVA_HOME/bin/keytool" -importcert -noprompt -alias moto -file "$work/cert.pem" \
    -keystore "$work/amazon-roots.p12" -storepass changeit > /dev/null 2>&1
  echo "trust stores: JDK + moto $("$JAVA_HOME/bin/keytool" -list -keystore "$work/truststore.p12" -storepass changeit | grep -c trustedCertEntry)," \
    "Amazon roots + moto $("$JAVA_HOME/bin/keytool" -list -keystore "$work/amazon-roots.p12" -storepass changeit | grep -c trustedCertEntry) certificates"
  tls=("$work/cert.pem" "$work/key.pem")
  trust_all=("-Dbrisk.jvmArgs=-Djavax.net.ssl.trustStore=$work/truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit")
  trust_amazon=("-Dbrisk.jvmArgs=-Djavax.net.ssl.trustStore=$work/amazon-roots.p12 -Djavax.net.ssl.trustStorePassword=changeit")
  scheme=https
else
  scheme=http
fi
endpoint="$scheme://127.0.0.1:$port" close_endpoint="$scheme://127.0.0.1:$close_port" moto="http://127.0.0.1:$moto_port"
moto_server -H 127.0.0.1 -p "$moto_port" >"$work/moto.log" 2>&1 &
pids+=("$!")
# S3's keep-alive in front of moto_server (which closes every connection), and a front that closes them as it does
python3 "$here/fixture.py" front "$port" "$moto" "${tls[@]}" >"$work/front.log" 2>&1 &
pids+=("$!")
python3 "$here/fixture.py" front "$close_port" "$moto" "${tls[0]:-}" "${tls[1]:-}" close >"$work/front-close.log" 2>&1 &
pids+=("$!")
wait_for "$moto/moto-api/"
wait_for "$endpoint/moto-api/"
wait_for "$close_endpoint/moto-api/"
FIXTURE_CA="${tls:+$work/cert.pem}" python3 "$here/fixture.py" setup "$endpoint" "$work/event.json"

cp -r "${PROJECT:-$root/serverless-examples/s3-pipeline}" "$work/brisk"
cp -r "$here/baseline" "$work/baseline"
if [ -n "${VARIANT:-}" ]; then  # a changed copy, or a script (variants/*.py) that changes a copy of the example
  case "$VARIANT" in
    *.py) cp -r "$root/serverless-examples/s3-pipeline" "$work/variant" && python3 "$VARIANT" "$work/variant" ;;
    *) cp -r "$VARIANT" "$work/variant" ;;
  esac
fi
for p in brisk baseline ${VARIANT:+variant}; do
  rm -rf "$work/$p/target"
  (cd "$work/$p" && "$root/mvnw" -B -q package -Dmaven.test.skip=true)
done
echo "jars: brisk $(du -k "$work/brisk/target/s3-pipeline.jar" | cut -f1) KB," \
  "baseline $(du -k "$work/baseline/target/s3-pipeline-baseline.jar" | cut -f1) KB"

python3 "$here/fixture.py" sweep "$moto" "$work/swept.txt" &
pids+=("$!")
# SnapStart functions get no keys on Lambda but a credentials endpoint on loopback: the SnapStart row gets one too
credentials_port="$(free_port)"
python3 "$here/fixture.py" credentials "$credentials_port" &
pids+=("$!")
container_credentials="AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:$credentials_port/2021-04-23/credentials"
container_credentials="$container_credentials,AWS_CONTAINER_AUTHORIZATION_TOKEN=brisk-benchmark-token"

rows="${ROWS:-brisk baseline brisk-snapstart brisk-snapstart-close}"
if [ "${TLS:-0}" = 1 ] && [ -z "${ROWS:-}" ]; then rows="$rows brisk-amazon-roots"; fi
if [ -n "${VARIANT:-}" ] && [ -z "${ROWS:-}" ]; then rows="$rows variant variant-snapstart"; fi
expected=0
measure() {  # row, round
  local dir=brisk snap=false env="S3_ENDPOINT=$endpoint,S3_PATH_STYLE=true" jvm=("${trust_all[@]}")
  case "$1" in
    baseline) dir=baseline env="AWS_ENDPOINT_URL_S3=$endpoint" ;;
    brisk-snapstart) snap=true env="$env,$container_credentials" ;;
    brisk-snapstart-close) snap=true env="S3_ENDPOINT=$close_endpoint,S3_PATH_STYLE=true,$container_credentials" ;;
    brisk-amazon-roots) jvm=("${trust_amazon[@]}") ;;
    variant) dir=variant ;;
    variant-snapstart) dir=variant snap=true env="$env,$container_credentials" ;;
  esac
  (cd "$work/$dir" && "$root/mvnw" -B "$plugin:coldstart" -Dbrisk.runs="$runs" -Dbrisk.snapStart="$snap" \
      -Dbrisk.event="$work/event.json" "${jvm[@]}" "-Dbrisk.env=$env" \
      -Dbrisk.coldstartJson="$work/results/$1-$2.json") > "$work/results/$1-$2.log" 2>&1 \
    || { echo "brisk:coldstart failed for $1 (see $work/results/$1-$2.log)" >&2; exit 1; }
  expected=$((expected + runs + 1)) # the class-count run processes the object too
  echo "round $2, $1: $(grep -E "Ratio to floor" "$work/results/$1-$2.log" | sed 's/^\[INFO\] //')"
}

echo "load: $(uptime)"
for round in $(seq 1 "$rounds"); do
  for row in $rows; do measure "$row" "$round"; done
  FIXTURE_CA="${tls:+$work/cert.pem}" python3 "$here/fixture.py" service "$endpoint" 10 >> "$work/results/service.txt"
  echo "round $round, S3's own time for a run's 6 requests: $(tail -1 "$work/results/service.txt") ms"
done
echo "load: $(uptime)"
sleep 1
echo "runs that processed the object: $(cat "$work/swept.txt" 2>/dev/null || echo 0) (expected $expected)"
echo
python3 "$here/table.py" "$work/results" | tee "$work/table.md"
