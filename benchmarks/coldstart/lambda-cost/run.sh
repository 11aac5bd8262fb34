#!/usr/bin/env bash
# What a method reference costs the first time it runs, against the same function as an ordinary class: N getters
# of a generated bean, bound as method references (each an invokedynamic call site that LambdaMetafactory spins into a
# hidden class) or as anonymous classes (compiled ahead, loaded from the class path), timed in fresh JVMs with
# Lambda's on-demand JIT flags, after one lambda has warmed up the lambda machinery itself. The AWS SDK binds its
# model classes' fields this way (SdkField getters and setters): see benchmarks/coldstart/s3-pipeline/README.md.
# brisk:lambda-classes (brisk-maven-plugin) turns a jar's method references into classes at build time.
#
# Usage: benchmarks/coldstart/lambda-cost/run.sh [N] [runs]     (default 400 method references, 5 JVMs each)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
n="${1:-400}"
runs="${2:-5}"
# shellcheck source=../lib.sh
. "$here/../lib.sh"
pick_jdk

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$n" <<'PY'
import sys
work, n = sys.argv[1], int(sys.argv[2])
open(work + "/Bean.java", "w").write("public class Bean {\n" + "".join(
    '    public String f%d() { return "%d"; }\n' % (i, i) for i in range(n)) + "}\n")
for name, bind in [("MethodRefs", "Bean::f%d"),
                   ("Classes", "new Function<Bean, String>() { public String apply(Bean b) { return b.f%d(); } }")]:
    body = "".join("        fs[%d] = %s;\n" % (i, bind % i) for i in range(n))
    open(work + "/" + name + ".java", "w").write("""import java.util.function.Function;
public class %s {
    @SuppressWarnings("unchecked")
    public static void main(String[] args) {
        Runnable warm = () -> { };
        warm.run();
        long started = System.nanoTime();
        Function<Bean, String>[] fs = new Function[%d];
%s        Bean bean = new Bean();
        int length = 0;
        for (Function<Bean, String> f : fs) {
            length += f.apply(bean).length();
        }
        System.out.printf("%%.1f%%n", (System.nanoTime() - started) / 1e6 + 0 * length);
    }
}
""" % (name, n, body))
PY
"$JAVA_HOME/bin/javac" -nowarn -d "$work/out" "$work"/*.java 2>/dev/null
for kind in MethodRefs Classes; do
  times=()
  for _ in $(seq 1 "$runs"); do
    times+=("$("$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp "$work/out" "$kind")")
  done
  sorted="$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')"
  echo "$kind: $n bound and called once, ms per JVM (sorted): $sorted"
done
