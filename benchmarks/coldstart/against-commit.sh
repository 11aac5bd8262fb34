#!/usr/bin/env bash
# One example as committed at an earlier commit against the same example now, each measured by brisk:coldstart
# against the empty-handler floor in its own interleaved run, one right after the other: what a change to a template
# did to its cold start and jar. Both are built with this checkout's brisk-parent.
#
# Usage: benchmarks/coldstart/against-commit.sh <example> <commit> [runs] [extra brisk:coldstart flags...]
#   e.g. benchmarks/coldstart/against-commit.sh http-api 972c774 10
#        benchmarks/coldstart/against-commit.sh sqs 972c774 10 -Dbrisk.event=events/batch.json   (store: see sqs/run.sh)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
example="${1:?example folder under serverless-examples/}"
commit="${2:?a commit that has serverless-examples/$1}"
runs="${3:-10}"
shift $(( $# < 3 ? $# : 3 ))

# shellcheck source=lib.sh
. "$here/lib.sh"
pick_jdk

cd "$root"
./mvnw -B -q install -DskipTests -Darchetype.test.skip=true -Dinvoker.skip=true \
  -pl parent-bom/bom,parent-bom/parent,brisk-lambda,brisk-lambda-test,brisk-maven-plugin -am

work="$root/target/coldstart-against-commit/$example"
rm -rf "$work" && mkdir -p "$work/then" "$work/now"
git -C "$root" archive "$commit" "serverless-examples/$example" | tar -x -C "$work/then" --strip-components=2
cp -r "$root/serverless-examples/$example/." "$work/now"

for side in then now; do
  echo "== $example $side ($([ "$side" = then ] && echo "$commit" || git -C "$root" rev-parse --short HEAD)+working tree)"
  (cd "$work/$side" && "$root/mvnw" -B -q package -Dmaven.test.skip=true && \
    "$root/mvnw" -B brisk:coldstart -Dbrisk.runs="$runs" "$@" | sed -n '/Cold start of/,/Ratio to floor/p')
done
