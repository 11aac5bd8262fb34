#!/bin/sh
# Stand-ins for the two base images, for builds that reach no registry: a runtime linked from the JDK that runs the
# build (same JVM build), one layer, written as `docker save` writes a tarball, which Jib takes as a base with tar://.
# Reused while the JDK is unchanged.
#   jdk  eclipse-temurin's layout: the JVM at /opt/java/openjdk, JAVA_HOME and PATH to it.
#   aws  public.ecr.aws/lambda/java's layout as far as it is documented: the JVM at /var/lang, /var/task the working
#        directory, LAMBDA_TASK_ROOT and LAMBDA_RUNTIME_DIR set, /lambda-entrypoint.sh as the entrypoint (it takes the
#        handler as its one argument and runs /var/runtime/bootstrap, whose class path is /var/task, then the jars of
#        /var/task/lib). Not AWS's JVM (Corretto), OS (Amazon Linux 2023), runtime client jars or bootstrap script:
#        an image built on it proves the layout Brisk's entrypoint relies on, not AWS's bytes.
# usage: jdk-stand-in.sh <java home> <out.tar> <amd64|arm64> [jdk|aws]
set -eu
JDK=$1
OUT=$2
ARCH=$3
LAYOUT=${4:-jdk}
WORK="$OUT.d"
STAMP=$(cat "$0" "$JDK/release" "$JDK/lib/server/libjvm.so" | sha256sum | cut -c1-16)
if [ -f "$OUT" ] && [ "$(cat "$OUT.stamp" 2>/dev/null)" = "$STAMP" ]; then
  exit 0
fi
rm -rf "$WORK" "$OUT"
case "$LAYOUT" in
  jdk) HOME_IN_IMAGE=opt/java/openjdk ;;
  aws) HOME_IN_IMAGE=var/lang ;;
  *) echo "layout must be jdk or aws, not $LAYOUT" >&2; exit 2 ;;
esac
mkdir -p "$WORK/root/$(dirname "$HOME_IN_IMAGE")" "$WORK/root/tmp" "$WORK/root/var/task"
# the modules a Lambda function and the runtime interface client use; the JRE's own default CDS archive
"$JDK/bin/jlink" --add-modules java.base,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,java.desktop,jdk.crypto.ec,jdk.unsupported,jdk.zipfs \
  --strip-debug --no-man-pages --no-header-files --generate-cds-archive --output "$WORK/root/$HOME_IN_IMAGE"
if [ "$LAYOUT" = aws ]; then
  mkdir -p "$WORK/root/var/runtime/lib"
  cat > "$WORK/root/lambda-entrypoint.sh" <<'SH'
#!/bin/sh
# stand-in for AWS's entrypoint: the handler is the one argument; the runtime's bootstrap runs it
if [ $# -ne 1 ]; then
  echo "entrypoint requires the handler name to be the first argument" 1>&2
  exit 142
fi
export _HANDLER="$1"
exec /var/runtime/bootstrap
SH
  cat > "$WORK/root/var/runtime/bootstrap" <<'SH'
#!/bin/sh
# stand-in for AWS's bootstrap: classes from /var/task, jars from /var/task/lib, the runtime client from /var/runtime/lib
exec /var/lang/bin/java -cp "/var/runtime/lib/*:/var/task:/var/task/lib/*" \
  com.amazonaws.services.lambda.runtime.api.client.AWSLambda "$_HANDLER"
SH
  chmod 755 "$WORK/root/lambda-entrypoint.sh" "$WORK/root/var/runtime/bootstrap"
  CONFIG='"Env":["PATH=/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin","LANG=en_US.UTF-8","TZ=:/etc/localtime","LAMBDA_TASK_ROOT=/var/task","LAMBDA_RUNTIME_DIR=/var/runtime"],"Entrypoint":["/lambda-entrypoint.sh"],"WorkingDir":"/var/task"'
  TAG=brisk/aws-lambda-java-stand-in:latest
else
  CONFIG='"Env":["PATH=/opt/java/openjdk/bin:/usr/local/bin:/usr/bin:/bin","JAVA_HOME=/opt/java/openjdk","LANG=en_US.UTF-8"]'
  TAG=brisk/jdk-stand-in:latest
fi
tar --sort=name --mtime=@1 --owner=0 --group=0 --numeric-owner -C "$WORK/root" -cf "$WORK/layer.tar" .
DIFF_ID=$(sha256sum "$WORK/layer.tar" | cut -d' ' -f1)
cat > "$WORK/config.json" <<JSON
{"architecture":"$ARCH","os":"linux","config":{$CONFIG},"rootfs":{"type":"layers","diff_ids":["sha256:$DIFF_ID"]},"history":[{"created_by":"brisk jdk-stand-in.sh $LAYOUT"}]}
JSON
cat > "$WORK/manifest.json" <<JSON
[{"Config":"config.json","RepoTags":["$TAG"],"Layers":["layer.tar"]}]
JSON
tar -C "$WORK" -cf "$OUT" manifest.json config.json layer.tar
rm -rf "$WORK"
echo "$STAMP" > "$OUT.stamp"
echo "[brisk] stand-in base image ($LAYOUT layout): $OUT ($(du -h "$OUT" | cut -f1), JVM of $JDK, $ARCH)"
