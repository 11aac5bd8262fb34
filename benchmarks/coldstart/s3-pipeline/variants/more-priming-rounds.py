"""SnapStart priming with more rounds: 150 offline events, 60 in-memory handshakes, 30 loopback events (the template:
20, 20, 5), to see whether the first event after priming is missing JIT work. Edits a copy of
serverless-examples/s3-pipeline, whose directory is the one argument."""
import sys

path = sys.argv[1] + "/src/main/java/com/example/pipeline/SnapStartPriming.java"
source = open(path).read()
for old, new in [("static final int ROUNDS = 20;", "static final int ROUNDS = 150;"),
                 ("static final int TLS_ROUNDS = 20;", "static final int TLS_ROUNDS = 60;"),
                 ("static final int LOOPBACK_ROUNDS = 5;", "static final int LOOPBACK_ROUNDS = 30;")]:
    assert old in source, "SnapStartPriming has changed: update this variant"
    source = source.replace(old, new)
open(path, "w").write(source)
