#!/usr/bin/env bash
# The shaded jar with every class of every dependency (brisk-parent minimizes by default).
set -euo pipefail
sed -i 's#  <dependencies>#  <build>\n    <plugins>\n      <plugin>\n        <artifactId>maven-shade-plugin</artifactId>\n        <executions>\n          <execution>\n            <id>lambda-jar</id>\n            <configuration>\n              <minimizeJar>false</minimizeJar>\n            </configuration>\n          </execution>\n        </executions>\n      </plugin>\n    </plugins>\n  </build>\n\n  <dependencies>#' pom.xml
