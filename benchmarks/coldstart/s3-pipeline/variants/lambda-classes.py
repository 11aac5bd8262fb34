"""The template with brisk.lambdaClasses=package (brisk:lambda-classes after shade and ProGuard: the jar's lambdas and
method references become classes of the jar). Edits a copy of serverless-examples/s3-pipeline."""
import sys
path = sys.argv[1] + "/pom.xml"
s = open(path).read()
old = "    <brisk.shrink>package</brisk.shrink>\n"
assert old in s, "pom.xml has changed: update this variant"
s = s.replace(old, old + "    <brisk.lambdaClasses>package</brisk.lambdaClasses>\n")
open(path, "w").write(s)
