#!/usr/bin/env bash
# The main job: build Brisk, generate an HTTP API project from the archetype, and run it
# locally under the real AWS Lambda runtime (no Docker, no AWS account).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

if [ -z "${JAVA_HOME:-}" ]; then
  for jdk in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-*; do
    [ -x "$jdk/bin/java" ] && export JAVA_HOME="$jdk" && break
  done
fi

cd "$root"
./mvnw -B -q install -DskipTests -Darchetype.test.skip=true -Dinvoker.skip=true

work="$root/target/quickstart"
rm -rf "$work" && mkdir -p "$work" && cd "$work"
"$root/mvnw" -B -q archetype:generate \
  -DarchetypeGroupId=dev.brisk -DarchetypeArtifactId=brisk-http-api-archetype -DarchetypeVersion=0.1.0-SNAPSHOT \
  -DgroupId=com.example -DartifactId=hello-api -Dpackage=com.example.hello -DinteractiveMode=false

cd hello-api
"$root/mvnw" -B package brisk:invoke -Dbrisk.repeat=2 "$@"
echo
echo "Generated project: $work/hello-api"
