#!/bin/sh
# A stand-in for a JDK base image (eclipse-temurin's layout: the JVM at /opt/java/openjdk), for builds that reach no
# registry: a runtime linked from the JDK that runs the build (same JVM build), one layer, written as `docker save`
# writes a tarball, which Jib takes as a base with tar://. Reused while the JDK is unchanged.
# usage: jdk-stand-in.sh <java home> <out.tar> <amd64|arm64>
set -eu
JDK=$1
OUT=$2
ARCH=$3
WORK="$OUT.d"
STAMP=$(sha256sum "$JDK/release" "$JDK/lib/server/libjvm.so" | sha256sum | cut -c1-16)
if [ -f "$OUT" ] && [ "$(cat "$OUT.stamp" 2>/dev/null)" = "$STAMP" ]; then
  exit 0
fi
rm -rf "$WORK" "$OUT"
mkdir -p "$WORK/root/opt/java" "$WORK/root/tmp" "$WORK/root/var/task"
# the modules a Lambda function and the runtime interface client use; the JRE's own default CDS archive
"$JDK/bin/jlink" --add-modules java.base,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,java.desktop,jdk.crypto.ec,jdk.unsupported,jdk.zipfs \
  --strip-debug --no-man-pages --no-header-files --generate-cds-archive --output "$WORK/root/opt/java/openjdk"
tar --sort=name --mtime=@1 --owner=0 --group=0 --numeric-owner -C "$WORK/root" -cf "$WORK/layer.tar" .
DIFF_ID=$(sha256sum "$WORK/layer.tar" | cut -d' ' -f1)
cat > "$WORK/config.json" <<JSON
{"architecture":"$ARCH","os":"linux","config":{"Env":["PATH=/opt/java/openjdk/bin:/usr/local/bin:/usr/bin:/bin","JAVA_HOME=/opt/java/openjdk","LANG=en_US.UTF-8"]},"rootfs":{"type":"layers","diff_ids":["sha256:$DIFF_ID"]},"history":[{"created_by":"brisk jdk-stand-in.sh"}]}
JSON
cat > "$WORK/manifest.json" <<JSON
[{"Config":"config.json","RepoTags":["brisk/jdk-stand-in:latest"],"Layers":["layer.tar"]}]
JSON
tar -C "$WORK" -cf "$OUT" manifest.json config.json layer.tar
rm -rf "$WORK"
echo "$STAMP" > "$OUT.stamp"
echo "[brisk] stand-in base image: $OUT ($(du -h "$OUT" | cut -f1), JVM of $JDK, $ARCH)"
