#!/usr/bin/env bash
# Sets Brisk's version everywhere the build reads it: the version (and parent version) of every module of the
# reactor, and brisk-bom's brisk.version property (the enforcer keeps the two equal). Generated projects take the
# archetype's version at build time (@project.version@), so templates need no edit.
#   scripts/release/set-version.sh 0.2.0
set -euo pipefail
new="${1:?usage: set-version.sh NEW_VERSION}"
[[ "$new" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || { echo "not a version: $new" >&2; exit 2; }
cd "$(dirname "$0")/../.."
old=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
[[ -n "$old" ]] || { echo "cannot read the current version from pom.xml" >&2; exit 1; }
# The reactor's poms: the modules listed in pom.xml and archetypes/pom.xml
poms=(pom.xml)
for m in $(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' pom.xml); do poms+=("$m/pom.xml"); done
for m in $(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' archetypes/pom.xml); do poms+=("archetypes/$m/pom.xml"); done
for p in "${poms[@]}"; do
  sed -i "s:<version>${old//./\\.}</version>:<version>${new}</version>:g; s:<brisk.version>${old//./\\.}</brisk.version>:<brisk.version>${new}</brisk.version>:" "$p"
done
left=$(grep -l -F ">${old}<" "${poms[@]}" || true)
[[ -z "$left" ]] || { echo "still at ${old}: ${left}" >&2; exit 1; }
echo "Brisk ${old} -> ${new} in ${#poms[@]} poms"
