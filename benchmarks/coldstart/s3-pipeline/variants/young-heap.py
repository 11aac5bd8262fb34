"""The template with a young generation of 128 MB (JAVA_TOOL_OPTIONS=-Xmn128m in serverless.yml). Lambda's JVM sizes
its initial heap from the function's memory (1/64: 8 MB at 512 MB), so the serial collector's young generation is a
few megabytes and a cold start that allocates 80 MB collects about thirty times; with 128 MB it does not collect.
Edits a copy of serverless-examples/s3-pipeline."""
import sys
path = sys.argv[1] + "/serverless.yml"
s = open(path).read()
old = "  environment:\n"
assert old in s and "JAVA_TOOL_OPTIONS" not in s, "serverless.yml has changed: update this variant"
s = s.replace(old, old + "    JAVA_TOOL_OPTIONS: '-Xmn128m'\n", 1)
open(path, "w").write(s)
