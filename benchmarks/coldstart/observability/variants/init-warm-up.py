"""A warm-up of the export path at init, on a thread of its own: a span encoded to nowhere and the connection object
made (nothing sent), so that the first sampled invocation finds the encoder and HttpURLConnection loaded."""
import sys

path = sys.argv[1] + "/src/main/java/com/example/observability/Telemetry.java"
source = open(path).read()
old = "        return new Telemetry(otlp(endpoint, flushMillis, jdkSender(env)), resource(env), sampler(env), flushMillis, log);"
assert old in source, "Telemetry.fromEnvironment has changed: update this variant"
source = source.replace(old, """        SpanExporter exporter = otlp(endpoint, flushMillis, jdkSender(env));
        Resource resource = resource(env);
        Thread warmUp = new Thread(() -> {
            warmUp(exporter, resource, false);
            try {
                URI.create(endpoint).toURL().openConnection(java.net.Proxy.NO_PROXY);
            } catch (IOException e) {
                // a warm-up only
            }
        }, "warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        return new Telemetry(exporter, resource, sampler(env), flushMillis, log);""")
open(path, "w").write(source)
