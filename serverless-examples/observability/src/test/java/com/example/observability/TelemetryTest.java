package com.example.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.lambda.test.TestContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The telemetry's parts one by one: the warm-up, the flush outcome, the span's attributes, logs and metrics. */
class TelemetryTest {

    private static final long DELIVERY_MILLIS = 10_000;
    private static final long MARGIN_MILLIS = 2_500;

    private final ByteArrayOutputStream lines = new ByteArrayOutputStream();
    private final Log log = new Log(new PrintStream(lines, true, StandardCharsets.UTF_8), Log.Level.INFO);

    @AfterEach
    void clearTraceHeader() {
        System.clearProperty("com.amazonaws.xray.traceHeader");
    }

    @Test
    void aWarmUpWhoseExportThrowsReportsItAndNeverThrows() {
        Recording throwing = new Recording();
        throwing.thrown = new IllegalStateException("sender broken");

        CompletableResultCode result = Telemetry.warmUp(throwing, Telemetry.resource(Map.of()), true);

        assertFalse(result.isSuccess());
        assertEquals("sender broken", result.getFailureThrowable().getMessage());
    }

    @Test
    void flushSaysWhetherTheSpansWereDeliveredAndWarnsAgainAfterARecovery() throws IOException {
        String url = Collector.refusedUrl();
        int port = URI.create(url).getPort();
        Telemetry telemetry = new Telemetry(Telemetry.otlp(url + "/v1/traces", 1_000), Telemetry.resource(Map.of()),
                Telemetry.sampler(Map.of()), 1_000, log);

        telemetry.startInvocation("GET /hello", "req-1", null, true).end();
        assertFalse(telemetry.flush(), "refused");
        try (Collector collector = Collector.start(port)) {
            telemetry.startInvocation("GET /hello", "req-2", null, false).end();
            assertTrue(telemetry.flush(), "delivered");
            assertEquals(1, collector.spans().size());
        }
        telemetry.startInvocation("GET /hello", "req-3", null, false).end();
        assertFalse(telemetry.flush(), "refused again");

        List<JSONObject> warnings = lines.toString(StandardCharsets.UTF_8).lines().map(JSONObject::new)
                .filter(l -> "WARN".equals(l.getString("level"))).toList();
        assertEquals(2, warnings.size(), "one warning per outage: " + warnings);
        telemetry.shutdown();
    }

    @Test
    void anUnsampledRequestNeverWaitsForTheFlushBound() {
        System.setProperty("com.amazonaws.xray.traceHeader",
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0");
        try (Collector hanging = Collector.hanging()) {
            Telemetry telemetry = new Telemetry(Telemetry.otlp(hanging.url() + "/v1/traces", DELIVERY_MILLIS),
                    Telemetry.resource(Map.of()), Telemetry.sampler(Map.of()), DELIVERY_MILLIS, log);

            long started = System.nanoTime();
            Span span = telemetry.startInvocation("GET /hello", "req-1", null, true);
            span.end();
            assertTrue(telemetry.flush(), "nothing to send is a success");
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertFalse(span.getSpanContext().isSampled());
            assertTrue(millis < MARGIN_MILLIS, "an unsampled span waited " + millis + " ms");
            telemetry.shutdown();
        }
    }

    @Test
    void theInvocationSpanNamesTheFunctionAndItsAccountAndTheResourceItsVersionAndInstance() {
        Telemetry telemetry = new Telemetry(SpanExporter.composite(), Telemetry.resource(Map.of()),
                Telemetry.sampler(Map.of()), 100, log);

        Span span = telemetry.startInvocation("GET /hello", "req-1", new TestContext().getInvokedFunctionArn(), true);
        Span noArn = telemetry.startInvocation("GET /hello", "req-2", "not-an-arn", false);
        Span fourParts = telemetry.startInvocation("GET /hello", "req-3", "arn:aws:lambda:us-east-1", false);

        var attributes = ((io.opentelemetry.sdk.trace.ReadableSpan) span).toSpanData().getAttributes().asMap();
        assertEquals("123456789012", attributes.get(io.opentelemetry.api.common.AttributeKey.stringKey("cloud.account.id")));
        var short_ = ((io.opentelemetry.sdk.trace.ReadableSpan) noArn).toSpanData().getAttributes().asMap();
        assertEquals("not-an-arn", short_.get(io.opentelemetry.api.common.AttributeKey.stringKey("cloud.resource_id")));
        assertFalse(short_.containsKey(io.opentelemetry.api.common.AttributeKey.stringKey("cloud.account.id")));
        assertFalse(((io.opentelemetry.sdk.trace.ReadableSpan) fourParts).toSpanData().getAttributes().asMap()
                .containsKey(io.opentelemetry.api.common.AttributeKey.stringKey("cloud.account.id")), "no fifth part");
        var resource = Telemetry.resource(Map.of("AWS_LAMBDA_FUNCTION_VERSION", "7",
                "AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/30/[7]abc", "AWS_REGION", "")).getAttributes().asMap();
        assertEquals("7", resource.get(io.opentelemetry.api.common.AttributeKey.stringKey("faas.version")));
        assertEquals("2026/11/30/[7]abc", resource.get(io.opentelemetry.api.common.AttributeKey.stringKey("faas.instance")));
        assertFalse(resource.containsKey(io.opentelemetry.api.common.AttributeKey.stringKey("cloud.region")),
                "an empty variable is no attribute");
        span.end();
        noArn.end();
        fourParts.end();
        telemetry.shutdown();
    }

    @Test
    void aSnapStartRestoreReseedsTheIds() {
        Telemetry telemetry = new Telemetry(SpanExporter.composite(), Telemetry.resource(Map.of()),
                Telemetry.sampler(Map.of()), 100, log);
        telemetry.reseedIds(42);
        String first = telemetry.startInvocation("GET /hello", "req-1", null, true).getSpanContext().getSpanId();
        telemetry.reseedIds(42);
        assertEquals(first, telemetry.startInvocation("GET /hello", "req-2", null, false).getSpanContext().getSpanId(),
                "the same seed draws the same ids");
        telemetry.reseedIds(42);

        new SnapStartPriming(new ApiHandler(Api.router(), Invoke.MAX_BODY_BYTES, log, telemetry,
                new Metrics("orders-dev-api", "orders-dev-api", new PrintStream(OutputStream.nullOutputStream()))))
                .afterRestore();

        assertNotEquals(first, telemetry.startInvocation("GET /hello", "req-3", null, false).getSpanContext().getSpanId(),
                "a restored copy draws from a fresh seed");
        telemetry.shutdown();
    }

    @Test
    void anErrorLineCarriesTheTypeTheMessageAndTwentyFramesOfStack() {
        IllegalStateException error = new IllegalStateException("database unavailable");
        assertTrue(error.getStackTrace().length > 20, "a test's stack is deeper than 20 frames");

        log.error("Unhandled error", error);

        JSONObject line = new JSONObject(lines.toString(StandardCharsets.UTF_8).strip());
        assertEquals("ERROR", line.getString("level"));
        assertEquals("java.lang.IllegalStateException", line.getString("errorType"));
        assertEquals("database unavailable", line.getString("errorMessage"));
        String[] frames = line.getString("stackTrace").split("\n");
        assertEquals(20, frames.length);
        assertEquals(error.getStackTrace()[0].toString(), frames[0]);
        assertEquals(error.getStackTrace()[19].toString(), frames[19]);
    }

    @Test
    void theLogLevelIsLambdasVariableAndInfoWithoutOne() {
        assertFalse(Log.stdout(Map.of("AWS_LAMBDA_LOG_LEVEL", " warn ")).enabled(Log.Level.INFO));
        assertTrue(Log.stdout(Map.of("AWS_LAMBDA_LOG_LEVEL", " warn ")).enabled(Log.Level.WARN));
        assertTrue(Log.stdout(Map.of("AWS_LAMBDA_LOG_LEVEL", "DEBUG")).enabled(Log.Level.DEBUG));
        assertTrue(Log.stdout(Map.of("AWS_LAMBDA_LOG_LEVEL", " ")).enabled(Log.Level.INFO));
        assertFalse(Log.stdout(Map.of("AWS_LAMBDA_LOG_LEVEL", " ")).enabled(Log.Level.DEBUG));
        assertTrue(Log.stdout(Map.of()).enabled(Log.Level.INFO));
        assertFalse(Log.stdout(Map.of()).enabled(Log.Level.DEBUG));
    }

    @Test
    void errorsCountFrom500AndClientErrorsFrom400To499() {
        Metrics metrics = new Metrics("orders-dev-api", "orders-dev-api", new PrintStream(lines, true,
                StandardCharsets.UTF_8));
        int[][] cases = {{200, 0, 0}, {399, 0, 0}, {400, 0, 1}, {499, 0, 1}, {500, 1, 0}, {503, 1, 0}};

        for (int[] c : cases) {
            metrics.request("GET /hello", c[0], 1.5, false, "req", "5759e988bd862e3fe1be46a994272793");
        }

        List<JSONObject> emf = lines.toString(StandardCharsets.UTF_8).lines().map(JSONObject::new).toList();
        for (int i = 0; i < cases.length; i++) {
            assertEquals(cases[i][1], emf.get(i).getInt("Errors"), "Errors for " + cases[i][0]);
            assertEquals(cases[i][2], emf.get(i).getInt("ClientErrors"), "ClientErrors for " + cases[i][0]);
            assertEquals(0, emf.get(i).getInt("ColdStart"));
        }
    }

    private Telemetry alwaysSampled(SpanExporter exporter, long flushMillis) {
        return new Telemetry(exporter, Telemetry.resource(Map.of()),
                Telemetry.sampler(Map.of("OTEL_TRACES_SAMPLER", "always_on")), flushMillis, log);
    }

    private List<JSONObject> warnings() {
        return lines.toString(StandardCharsets.UTF_8).lines().map(JSONObject::new)
                .filter(l -> "WARN".equals(l.getString("level"))).toList();
    }

    @Test
    void aFlushSendsTheInvocationsSpansInOneExportOffTheCallingThreadAndNothingWhenNoneEnded() {
        Recording exporter = new Recording();
        Telemetry telemetry = alwaysSampled(exporter, 1_000);

        assertTrue(telemetry.flush(), "nothing ended: nothing to send");
        Span server = telemetry.startInvocation("GET /hello", "req-1", null, true);
        telemetry.startChild(server, "S3 GetObject", io.opentelemetry.api.trace.SpanKind.CLIENT).end();
        server.end();
        assertTrue(telemetry.flush());
        assertTrue(telemetry.flush(), "sent already: nothing more");

        assertEquals(List.of(List.of("S3 GetObject", "GET /hello")), exporter.names());
        assertEquals(List.of("otlp-export"), exporter.threads, "on a thread of its own, so the bound holds");
        assertEquals(List.of(), warnings());
        telemetry.shutdown();
    }

    @Test
    void theProvidersFlushExportsWhatThePendingProcessorKept() {
        Recording exporter = new Recording();
        Telemetry.Pending pending = new Telemetry.Pending(exporter);
        io.opentelemetry.sdk.trace.SdkTracerProvider provider = io.opentelemetry.sdk.trace.SdkTracerProvider.builder()
                .addSpanProcessor(pending).build();

        provider.get("test").spanBuilder("work").startSpan().end();

        assertTrue(provider.forceFlush().join(DELIVERY_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS).isSuccess());
        assertEquals(List.of(List.of("work")), exporter.names());
        provider.shutdown();
    }

    @Test
    void spansOverWhatAnInvocationKeepsAreDroppedAndSaidSo() {
        Recording exporter = new Recording();
        Telemetry telemetry = alwaysSampled(exporter, 1_000);

        Span server = telemetry.startInvocation("GET /hello", "req-1", null, true);
        for (int i = 0; i < Telemetry.Pending.MAX_SPANS + 2; i++) {
            telemetry.startChild(server, "child", io.opentelemetry.api.trace.SpanKind.INTERNAL).end();
        }
        server.end();
        assertTrue(telemetry.flush(), "what was kept was delivered");
        telemetry.startInvocation("GET /hello", "req-2", null, false).end();
        assertTrue(telemetry.flush());

        assertEquals(Telemetry.Pending.MAX_SPANS, exporter.exports.get(0).size());
        assertEquals(List.of("GET /hello"), exporter.names().get(1), "the next invocation keeps its spans again");
        List<JSONObject> warnings = warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals("Spans dropped: an invocation keeps at most 512", warnings.get(0).getString("message"));
        assertEquals(3, warnings.get(0).getInt("dropped"), "two children and the invocation's own span");
        telemetry.shutdown();
    }

    @Test
    void anExporterThatThrowsOrRefusesIsAWarningWithItsReasonNeverAThrow() {
        Recording exporter = new Recording();
        Telemetry telemetry = alwaysSampled(exporter, 1_000);
        exporter.thrown = new IllegalStateException("encoder broken");

        telemetry.startInvocation("GET /hello", "req-1", null, true).end();
        assertFalse(telemetry.flush());
        exporter.thrown = null;
        telemetry.startInvocation("GET /hello", "req-2", null, false).end();
        assertTrue(telemetry.flush(), "recovered");
        exporter.answer = CompletableResultCode.ofFailure();
        telemetry.startInvocation("GET /hello", "req-3", null, false).end();
        assertFalse(telemetry.flush());
        exporter.answer = CompletableResultCode.ofSuccess();
        telemetry.startInvocation("GET /hello", "req-4", null, false).end();
        assertTrue(telemetry.flush(), "recovered");
        exporter.answer = CompletableResultCode.ofExceptionalFailure(new IOException("the collector answered 503"));
        telemetry.startInvocation("GET /hello", "req-5", null, false).end();
        assertFalse(telemetry.flush());

        List<JSONObject> warnings = warnings();
        assertEquals(3, warnings.size(), warnings.toString());
        assertEquals("encoder broken", warnings.get(0).getString("reason"));
        assertEquals("the collector refused the spans", warnings.get(1).getString("reason"));
        assertEquals("the collector answered 503", warnings.get(2).getString("reason"));
        telemetry.shutdown();
    }

    @Test
    void anExportThatNeverEndsCostsTheFlushItsBoundOnly() {
        Recording exporter = new Recording();
        exporter.answer = new CompletableResultCode(); // never completed
        Telemetry telemetry = alwaysSampled(exporter, 300);

        telemetry.startInvocation("GET /hello", "req-1", null, true).end();
        long started = System.nanoTime();
        boolean delivered = telemetry.flush();
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertFalse(delivered);
        assertTrue(millis >= 250 && millis < 300 + MARGIN_MILLIS, "waited " + millis + " ms, bound 300 ms");
        assertEquals("no answer within 300 ms", warnings().get(0).getString("reason"));
        telemetry.shutdown();
    }

    @Test
    void aFlushBoundOfOneMillisecondIsAccepted() {
        Telemetry telemetry = Telemetry.fromEnvironment(Map.of("TRACE_FLUSH_TIMEOUT_MS", "1",
                "OTEL_EXPORTER_OTLP_ENDPOINT", Collector.refusedUrl()), log);
        assertNotNull(telemetry);
        telemetry.shutdown();
    }
}
