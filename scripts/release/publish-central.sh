#!/usr/bin/env bash
# Uploads a repository staged by stage.sh to Maven Central through the Central Publisher Portal API, as one
# deployment bundle, and waits until the Portal has validated it (USER_MANAGED: a maintainer presses "Publish" in the
# Portal) or published it (PUBLISHING_TYPE=AUTOMATIC).
#   CENTRAL_USERNAME=... CENTRAL_PASSWORD=... scripts/release/publish-central.sh target/staging
# The two values are a Portal user token (https://central.sonatype.com/account), never a login password.
set -euo pipefail
staged="${1:?usage: publish-central.sh STAGING_DIRECTORY}"
: "${CENTRAL_USERNAME:?a Central Portal user token name is required}" "${CENTRAL_PASSWORD:?and its password}"
type="${PUBLISHING_TYPE:-USER_MANAGED}"
api="${CENTRAL_API:-https://central.sonatype.com/api/v1/publisher}"
staged=$(cd "$staged" && pwd)
version=$(ls "$staged/dev/brisk/brisk-bom")
bundle="$(mktemp -d)/brisk-${version}.zip"
# The components only: the catalog and the repository metadata are not part of a deployment
(cd "$staged" && find dev -type f ! -name 'maven-metadata*' | sort | zip -q -X "$bundle" -@)
unsigned=$(cd "$staged" && find dev -type f \( -name '*.jar' -o -name '*.pom' \) | while read -r f; do [[ -f "$f.asc" ]] || echo "$f"; done)
[[ -z "$unsigned" ]] || { echo "unsigned files, refusing to upload:"$'\n'"$unsigned" >&2; exit 1; }
token=$(printf '%s:%s' "$CENTRAL_USERNAME" "$CENTRAL_PASSWORD" | base64 | tr -d '\n')
id=$(curl -sS --fail-with-body -H "Authorization: Bearer $token" -F "bundle=@${bundle}" \
  "${api}/upload?name=brisk-${version}&publishingType=${type}")
echo "Uploaded $(basename "$bundle") ($(du -h "$bundle" | cut -f1)): deployment ${id}"
for _ in $(seq 1 120); do
  status=$(curl -sS --fail-with-body -X POST -H "Authorization: Bearer $token" "${api}/status?id=${id}")
  state=$(printf '%s' "$status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["deploymentState"])')
  case "$state" in
    VALIDATED) [[ "$type" == USER_MANAGED ]] && { echo "Validated: publish it from https://central.sonatype.com/publishing/deployments"; exit 0; } ;;
    PUBLISHING|PUBLISHED) echo "Central: $state"; exit 0 ;;
    FAILED) echo "Central refused the deployment:" >&2; printf '%s\n' "$status" >&2; exit 1 ;;
  esac
  sleep 10
done
echo "Central did not finish validating deployment ${id} in 20 minutes (last state: ${state})" >&2
exit 1
