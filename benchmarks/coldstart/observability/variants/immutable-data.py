"""The OTLP exporter's IMMUTABLE_DATA memory mode (an immutable marshaler per export) instead of the default
REUSABLE_DATA (stateless marshalers reused across exports)."""
import sys

path = sys.argv[1] + "/src/main/java/com/example/observability/Telemetry.java"
source = open(path).read()
old = "                .setRetryPolicy(null)"
assert old in source, "Telemetry.otlp has changed: update this variant"
source = source.replace(old, old + "\n                .setMemoryMode(io.opentelemetry.sdk.common.export.MemoryMode.IMMUTABLE_DATA)")
open(path, "w").write(source)
