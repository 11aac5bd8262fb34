package com.example.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.runtime.Invocation;
import dev.brisk.runtime.LocalLambda;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, as serverless.yml deploys it, under the real AWS Lambda Runtime Interface Client: the runtime
 * passes each invocation's trace header, the spans reach an OTLP collector in this JVM, the log and metric lines
 * reach standard output.
 */
class ApiHandlerIT {

    @Test
    void aColdStartIsTracedLoggedAndMeasured() throws IOException {
        List<String> output = new CopyOnWriteArrayList<>();
        try (Collector collector = Collector.start();
                LocalLambda lambda = LocalLambda.fromServerlessYml(Path.of("serverless.yml"))
                        // The local runtime's trace header says Sampled=0: ask for every span. A fresh JVM's first
                        // export loads the exporter's classes; on a loaded build machine that can outlast the bound
                        .environment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", collector.url(),
                                "OTEL_TRACES_SAMPLER", "always_on", "TRACE_FLUSH_TIMEOUT_MS", "10000"))
                        .output(output::add)
                        .build()) {
            Invocation first = lambda.invoke(Files.readString(Path.of("events/hello.json")));

            assertFalse(first.isError(), first.errorMessage());
            Map<String, Object> response = new JSONObject(first.response()).toMap();
            assertEquals(200, response.get("statusCode"));
            assertEquals(Map.of("message", "Hello, Brisk!"), new JSONObject((String) response.get("body")).toMap());
            assertTrue(first.report().initDurationMs().isPresent(), "a cold start reports its init");

            List<Span> spans = collector.spans();
            assertEquals(1, spans.size(), () -> "flushed before the response; the function wrote:\n" + String.join("\n", output));
            Span span = spans.get(0);
            assertEquals("GET /hello", span.getName());
            assertFalse(span.getParentSpanId().isEmpty(), "the runtime's trace header is the parent");
            String traceId = HexFormat.of().formatHex(span.getTraceId().toByteArray());
            long epochSeconds = Long.parseLong(traceId.substring(0, 8), 16);
            assertTrue(Math.abs(epochSeconds - System.currentTimeMillis() / 1000) < 600, traceId);

            JSONObject log = lines(output, "level").get(0);
            assertEquals(traceId, log.getString("traceId"));
            assertEquals(HexFormat.of().formatHex(span.getSpanId().toByteArray()), log.getString("spanId"));
            assertTrue(log.getBoolean("coldStart"));
            JSONObject metric = lines(output, "_aws").get(0);
            assertEquals("GET /hello", metric.getString("Route"));
            assertEquals(1, metric.getInt("ColdStart"));

            Invocation warm = lambda.invoke(Files.readString(Path.of("events/warmup.json")));
            assertEquals(Map.of("warmed", true), new JSONObject(warm.response()).toMap());
        }
    }

    @Test
    void withNoCollectorTheFunctionStillAnswersAndWarnsOnce() throws IOException {
        List<String> output = new CopyOnWriteArrayList<>();
        try (LocalLambda lambda = LocalLambda.fromServerlessYml(Path.of("serverless.yml"))
                .environment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", Collector.refusedUrl(),
                        "OTEL_TRACES_SAMPLER", "always_on"))
                .output(output::add)
                .build()) {
            for (String event : List.of("events/hello.json", "events/items-create.json")) {
                Invocation invocation = lambda.invoke(Files.readString(Path.of(event)));
                assertFalse(invocation.isError(), invocation.errorMessage());
            }

            long warnings = lines(output, "level").stream().filter(l -> "WARN".equals(l.getString("level"))).count();
            assertEquals(1, warnings, String.join("\n", output));
        }
    }

    /** The output lines that are JSON objects having {@code member}. */
    private static List<JSONObject> lines(List<String> output, String member) {
        return output.stream().filter(l -> l.startsWith("{")).map(JSONObject::new).filter(l -> l.has(member)).toList();
    }
}
