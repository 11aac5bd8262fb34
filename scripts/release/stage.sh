#!/usr/bin/env bash
# Builds every published Brisk artifact with its sources and javadoc jars, signs every file, and deploys them to a
# Maven repository in a directory: the exact set that goes to Maven Central (scripts/release/publish-central.sh
# uploads it). Then writes the repository's archetype catalog, so that
# `mvn archetype:generate -Dfilter=dev.brisk:` lists the archetypes.
#   MAVEN_GPG_KEY="$(cat secret-key.asc)" [MAVEN_GPG_PASSPHRASE=...] scripts/release/stage.sh target/staging
# Tests are not run here: the release workflow runs .ci/run first, and ReleaseProofIT runs this script.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:?usage: stage.sh STAGING_DIRECTORY}"
mkdir -p "$out"; out=$(cd "$out" && pwd)
[[ -n "${MAVEN_GPG_KEY:-}" ]] || { echo "MAVEN_GPG_KEY (an armoured secret key) is required to sign" >&2; exit 2; }
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
# Nothing goes to the local repository (-Dmaven.install.skip): a release build must not shadow a snapshot
./mvnw -B -Pbrisk-release deploy \
  -DskipTests -Darchetype.test.skip=true -Dinvoker.skip=true -Dmaven.install.skip=true \
  -DaltDeploymentRepository="brisk-staging::file://${out}" ${STAGE_MAVEN_ARGS:-}
# The catalog, written from the deployed poms: archetype:crawl lists each archetype twice (its sources jar holds the
# template's descriptor too) and describes it by the descriptor's short name; users should see the pom's description.
python3 - "$out" <<'PY'
import pathlib, sys, xml.etree.ElementTree as ET
from xml.sax.saxutils import escape
repo = pathlib.Path(sys.argv[1]); ns = {"m": "http://maven.apache.org/POM/4.0.0"}
entries = []
for pom in sorted(repo.glob("dev/brisk/*/*/*.pom")):
    root = ET.parse(pom).getroot()
    if root.findtext("m:packaging", namespaces=ns) != "maven-archetype":
        continue
    group = root.findtext("m:groupId", namespaces=ns) or root.findtext("m:parent/m:groupId", namespaces=ns)
    entries.append("    <archetype>\n      <groupId>%s</groupId>\n      <artifactId>%s</artifactId>\n      <version>%s</version>\n"
                   "      <description>%s</description>\n    </archetype>\n" % (
        group, root.findtext("m:artifactId", namespaces=ns), pom.parent.name,
        escape(" ".join(root.findtext("m:description", namespaces=ns).split()))))
(repo / "archetype-catalog.xml").write_text(
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<archetype-catalog xmlns="http://maven.apache.org/plugins/maven-archetype-plugin/archetype-catalog/1.0.0"\n'
    '    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
    '    xsi:schemaLocation="http://maven.apache.org/plugins/maven-archetype-plugin/archetype-catalog/1.0.0 '
    'https://maven.apache.org/xsd/archetype-catalog-1.0.0.xsd">\n  <archetypes>\n' + "".join(entries)
    + "  </archetypes>\n</archetype-catalog>\n", encoding="utf-8")
import hashlib
data = (repo / "archetype-catalog.xml").read_bytes()
for algorithm in ("sha1", "md5"):
    (repo / ("archetype-catalog.xml." + algorithm)).write_text(hashlib.new(algorithm, data).hexdigest())
PY
n=$(grep -c '<artifactId>' "${out}/archetype-catalog.xml" || true)
echo "Staged Brisk ${version} in ${out}: $(find "$out" -name '*.asc' | wc -l) signatures, ${n} archetypes in archetype-catalog.xml"
