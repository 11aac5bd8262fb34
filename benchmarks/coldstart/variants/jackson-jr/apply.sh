#!/usr/bin/env bash
# JSON through jackson-jr (jackson-jr-objects over jackson-core) instead of org.json.
set -euo pipefail
cp "$1/Json.java" src/main/java/com/example/api/Json.java
sed -i 's#<groupId>org.json</groupId>#<groupId>com.fasterxml.jackson.jr</groupId>#; s#<artifactId>json</artifactId>#<artifactId>jackson-jr-objects</artifactId>#' pom.xml
