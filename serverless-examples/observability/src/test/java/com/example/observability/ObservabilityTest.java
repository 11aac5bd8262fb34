package com.example.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.brisk.lambda.test.TestContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Traces, logs and metrics of real requests, with the spans sent to an in-process OTLP collector. */
class ObservabilityTest {

    private static final String TRACE = "5759e988bd862e3fe1be46a994272793";
    private static final String PARENT = "53995c3f42cd8ad8";
    private static final String LAMBDA_HEADER = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=" + PARENT
            + ";Sampled=1;Lineage=a87bd80c:0";
    private static final Map<String, String> ENV = Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders-dev-api",
            "AWS_REGION", "eu-west-1", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512", "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");

    /** Generous where delivery is what is tested: a fresh JVM's first export loads the exporter on a busy machine. */
    private static final long DELIVERY_MILLIS = 10_000;
    /** What a request may take beyond the flush bound: its own work, on a busy machine. */
    private static final long MARGIN_MILLIS = 2_500;

    private final ByteArrayOutputStream lines = new ByteArrayOutputStream();

    @AfterEach
    void clearTraceHeader() {
        System.clearProperty("com.amazonaws.xray.traceHeader");
    }

    @Test
    void theSpanIsTheChildOfLambdasTraceHeaderAndIsDeliveredBeforeTheResponse() throws IOException {
        System.setProperty("com.amazonaws.xray.traceHeader", LAMBDA_HEADER);
        try (Collector collector = Collector.start()) {
            ApiHandler handler = handler(collector.url(), DELIVERY_MILLIS, "parentbased_always_on");

            Map<String, Object> response = invoke(handler, Invoke.request("GET", "/hello", null));

            assertEquals(200, response.get("statusCode"));
            List<Span> spans = collector.spans(); // no waiting: the flush happened before the response
            assertEquals(1, spans.size());
            Span span = spans.get(0);
            assertEquals("GET /hello", span.getName());
            assertEquals(TRACE, hex(span.getTraceId()));
            assertEquals(PARENT, hex(span.getParentSpanId()));
            assertEquals(Span.SpanKind.SPAN_KIND_SERVER, span.getKind());
            Map<String, Object> attributes = attributes(span.getAttributesList());
            assertEquals("http", attributes.get("faas.trigger"));
            assertEquals(TestContext.REQUEST_ID, attributes.get("faas.invocation_id"));
            assertEquals(true, attributes.get("faas.coldstart"));
            assertEquals("GET", attributes.get("http.request.method"));
            assertEquals("/hello", attributes.get("http.route"));
            assertEquals("/hello", attributes.get("url.path"));
            assertEquals(200L, attributes.get("http.response.status_code"));
            assertEquals(Status.StatusCode.STATUS_CODE_UNSET, span.getStatus().getCode());
            Map<String, Object> resource = attributes(collector.resource());
            assertEquals("aws", resource.get("cloud.provider"));
            assertEquals("aws_lambda", resource.get("cloud.platform"));
            assertEquals("eu-west-1", resource.get("cloud.region"));
            assertEquals("orders-dev-api", resource.get("faas.name"));
            assertEquals(512L * 1024 * 1024, resource.get("faas.max_memory"));
        }
    }

    @Test
    void onlyTheFirstInvocationIsAColdStart() throws IOException {
        try (Collector collector = Collector.start()) {
            ApiHandler handler = handler(collector.url(), DELIVERY_MILLIS, "parentbased_always_on");

            invoke(handler, Invoke.request("GET", "/health", null));
            invoke(handler, Invoke.request("GET", "/health", null));

            List<Span> spans = collector.spans();
            assertEquals(true, attributes(spans.get(0).getAttributesList()).get("faas.coldstart"));
            assertEquals(false, attributes(spans.get(1).getAttributesList()).get("faas.coldstart"));
            assertEquals(List.of(true, false), logLines().stream().map(l -> l.getBoolean("coldStart")).toList());
        }
    }

    @Test
    void everyInvocationsSpanIsDeliveredBeforeItsResponseEvenBackToBack() throws IOException {
        try (Collector collector = Collector.start()) {
            ApiHandler handler = handler(collector.url(), DELIVERY_MILLIS, "parentbased_always_on");

            for (int i = 1; i <= 40; i++) {
                invoke(handler, Invoke.request("GET", "/health", null));

                assertEquals(i, collector.spans().size(), "spans delivered when response " + i + " was returned");
            }
        }
    }

    @Test
    void aFailureIsA500WithAnErrorSpanAndTheExceptionRecorded() throws IOException {
        try (Collector collector = Collector.start()) {
            Router failing = new Router().on("GET", "/boom", request -> {
                throw new IllegalStateException("database unavailable");
            });
            ApiHandler handler = handler(failing, collector.url(), DELIVERY_MILLIS, "parentbased_always_on");

            Map<String, Object> response = invoke(handler, Invoke.request("GET", "/boom", null));

            assertEquals(500, response.get("statusCode"));
            Span span = collector.spans().get(0);
            assertEquals(Status.StatusCode.STATUS_CODE_ERROR, span.getStatus().getCode());
            assertEquals("java.lang.IllegalStateException", attributes(span.getAttributesList()).get("error.type"));
            assertEquals("exception", span.getEvents(0).getName());
            assertEquals("database unavailable",
                    attributes(span.getEvents(0).getAttributesList()).get("exception.message"));
            JSONObject error = logLines().stream().filter(l -> "ERROR".equals(l.getString("level"))).findFirst()
                    .orElseThrow();
            assertEquals("java.lang.IllegalStateException", error.getString("errorType"));
            assertEquals(hex(span.getTraceId()), error.getString("traceId"));
            assertEquals(1, emfLines().get(0).getInt("Errors"));
        }
    }

    @Test
    void anUnknownPathIsNamedWithoutTheRawPath() throws IOException {
        try (Collector collector = Collector.start()) {
            ApiHandler handler = handler(collector.url(), DELIVERY_MILLIS, "parentbased_always_on");

            invoke(handler, Invoke.request("GET", "/users/12345", null));

            Span span = collector.spans().get(0);
            assertEquals("HTTP", span.getName());
            assertFalse(attributes(span.getAttributesList()).containsKey("http.route"));
            assertEquals(Status.StatusCode.STATUS_CODE_UNSET, span.getStatus().getCode(), "a 4xx is not a server error");
            assertEquals("unmatched", emfLines().get(0).getString("Route"));
        }
    }

    @Test
    void everyLogLineIsJsonCarryingTheSpansTraceAndSpanIds() throws IOException {
        System.setProperty("com.amazonaws.xray.traceHeader", LAMBDA_HEADER);
        try (Collector collector = Collector.start()) {
            ApiHandler handler = handler(collector.url(), DELIVERY_MILLIS, "parentbased_always_on");

            invoke(handler, Invoke.request("POST", "/items", "{\"name\":\"tea\",\"quantity\":2}"));

            Span span = collector.spans().get(0);
            JSONObject line = logLines().get(0);
            assertEquals("INFO", line.getString("level"));
            assertEquals("Request handled", line.getString("message"));
            assertEquals(TestContext.REQUEST_ID, line.getString("requestId"));
            assertEquals(hex(span.getTraceId()), line.getString("traceId"));
            assertEquals("1-5759e988-bd862e3fe1be46a994272793", line.getString("xrayTraceId"));
            assertEquals(hex(span.getSpanId()), line.getString("spanId"));
            assertEquals(201, line.getInt("status"));
            assertEquals("POST /items", line.getString("route"));
            Instant at = Instant.parse(line.getString("timestamp"));
            assertTrue(Math.abs(at.toEpochMilli() - System.currentTimeMillis()) < 60_000, "timestamp is now: " + at);
        }
    }

    @Test
    void eachRequestPrintsOneEmbeddedMetricFormatLine() throws IOException {
        try (Collector collector = Collector.start()) {
            ApiHandler handler = handler(collector.url(), DELIVERY_MILLIS, "parentbased_always_on");

            invoke(handler, Invoke.request("GET", "/hello", null));

            List<JSONObject> emf = emfLines();
            assertEquals(1, emf.size());
            JSONObject line = emf.get(0);
            JSONObject aws = line.getJSONObject("_aws");
            assertTrue(Math.abs(aws.getLong("Timestamp") - System.currentTimeMillis()) < 60_000);
            JSONObject directive = aws.getJSONArray("CloudWatchMetrics").getJSONObject(0);
            assertEquals("orders-dev-api", directive.getString("Namespace"));
            assertEquals(List.of(List.of("Service", "Route"), List.of("Service")), directive.getJSONArray("Dimensions").toList());
            JSONArray metrics = directive.getJSONArray("Metrics");
            Map<String, String> units = new java.util.LinkedHashMap<>();
            for (int i = 0; i < metrics.length(); i++) {
                units.put(metrics.getJSONObject(i).getString("Name"), metrics.getJSONObject(i).getString("Unit"));
            }
            assertEquals(Map.of("Latency", "Milliseconds", "Errors", "Count", "ClientErrors", "Count", "ColdStart", "Count"),
                    units);
            // Every dimension and metric the directive names is a member of the line itself
            assertEquals("orders-dev-api", line.getString("Service"));
            assertEquals("GET /hello", line.getString("Route"));
            assertTrue(line.getDouble("Latency") >= 0 && line.getDouble("Latency") < 60_000, line.toString());
            assertEquals(line.getDouble("Latency"), logLines().get(0).getDouble("durationMs"), 0.06,
                    "the log line and the metric time the same request (rounded to 2 and 1 decimals)");
            assertEquals(0, line.getInt("Errors"));
            assertEquals(1, line.getInt("ColdStart"));
            assertEquals(XrayIds.xrayForm(hex(collector.spans().get(0).getTraceId())), line.getString("traceId"));
        }
    }

    @Test
    void aCollectorRefusingConnectionsCostsOneWarningAndTheResponseIsStillRight() throws IOException {
        ApiHandler handler = handler(Collector.refusedUrl(), 1_000, "parentbased_always_on");

        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            Map<String, Object> response = invoke(handler, Invoke.request("GET", "/hello", null));
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertEquals(200, response.get("statusCode"));
            assertTrue(millis < 1_000 + MARGIN_MILLIS, "answered in " + millis + " ms, bound 1000 ms");
        }
        List<JSONObject> warnings = logLines().stream().filter(l -> "WARN".equals(l.getString("level"))).toList();
        assertEquals(1, warnings.size(), "one warning for the outage, not one per request: " + warnings);
        assertTrue(warnings.get(0).getString("reason").length() > 0);
    }

    @Test
    void aHangingCollectorNeverHoldsTheResponseBeyondTheBound() throws IOException {
        try (Collector collector = Collector.hanging()) {
            ApiHandler handler = handler(collector.url(), 300, "parentbased_always_on");

            for (int i = 0; i < 2; i++) {
                long started = System.nanoTime();
                Map<String, Object> response = invoke(handler, Invoke.request("GET", "/hello", null));
                long millis = (System.nanoTime() - started) / 1_000_000;

                assertEquals(200, response.get("statusCode"));
                assertTrue(millis < 300 + MARGIN_MILLIS, "answered in " + millis + " ms, bound 300 ms");
            }
            List<JSONObject> warnings = logLines().stream().filter(l -> "WARN".equals(l.getString("level"))).toList();
            assertEquals(1, warnings.size(), warnings.toString());
            String reason = warnings.get(0).getString("reason");
            // Whichever ends first: the flush's wait, or the exporter's own timeout (both the bound)
            assertTrue(reason.contains("no answer within 300 ms") || reason.contains("timed out"), reason);
        }
    }

    @Test
    void anUnsampledLambdaHeaderIsRespectedUnlessEverySpanIsAskedFor() throws IOException {
        System.setProperty("com.amazonaws.xray.traceHeader", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent="
                + PARENT + ";Sampled=0");
        try (Collector collector = Collector.start()) {
            invoke(handler(collector.url(), DELIVERY_MILLIS, "parentbased_always_on"), Invoke.request("GET", "/hello", null));
            assertEquals(0, collector.spans().size(), "X-Ray did not sample this request");

            invoke(handler(collector.url(), DELIVERY_MILLIS, "always_on"), Invoke.request("GET", "/hello", null));
            assertEquals(TRACE, hex(collector.spans().get(0).getTraceId()));
        }
    }

    @Test
    void withoutATraceHeaderTheTraceIdIsOneXRayAccepts() throws IOException {
        try (Collector collector = Collector.start()) {
            long before = System.currentTimeMillis() / 1000;
            invoke(handler(collector.url(), DELIVERY_MILLIS, "parentbased_always_on"), Invoke.request("GET", "/hello", null));

            Span span = collector.spans().get(0);
            long epochSeconds = Long.parseLong(hex(span.getTraceId()).substring(0, 8), 16);
            assertTrue(epochSeconds >= before && epochSeconds <= before + 60, "time-based: " + hex(span.getTraceId()));
            assertTrue(span.getParentSpanId().isEmpty());
        }
    }

    @Test
    void outgoingCallsCarryXRayW3cAndB3Headers() {
        System.setProperty("com.amazonaws.xray.traceHeader", LAMBDA_HEADER);
        Telemetry telemetry = new Telemetry(io.opentelemetry.sdk.trace.export.SpanExporter.composite(),
                Telemetry.resource(ENV), Telemetry.sampler(Map.of()), 100, new Log(new PrintStream(lines), Log.Level.INFO));
        io.opentelemetry.api.trace.Span invocation = telemetry.startInvocation("GET /hello", "req-1", null, false);
        io.opentelemetry.api.trace.Span call = telemetry.startChild(invocation, "GET inventory", SpanKind.CLIENT);

        Map<String, String> headers = Telemetry.outgoingHeaders(call);

        String spanId = call.getSpanContext().getSpanId();
        assertEquals("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=" + spanId + ";Sampled=1",
                headers.get("X-Amzn-Trace-Id"));
        assertEquals("00-" + TRACE + "-" + spanId + "-01", headers.get("traceparent"));
        assertEquals(TRACE, headers.get("X-B3-TraceId"));
        assertEquals(spanId, headers.get("X-B3-SpanId"));
        assertEquals("1", headers.get("X-B3-Sampled"));
        assertNotEquals(invocation.getSpanContext().getSpanId(), spanId);
        telemetry.shutdown();
    }

    @Test
    void idsAreTimeBasedAndAReseedChangesTheSequence() {
        XrayIds ids = new XrayIds();
        String first = ids.generateTraceId();
        for (int i = 0; i < 64; i++) { // every id, whatever its random half draws
            String id = i == 0 ? first : ids.generateTraceId();
            long epochSeconds = Long.parseLong(id.substring(0, 8), 16);
            assertTrue(Math.abs(epochSeconds - System.currentTimeMillis() / 1000) < 5, id);
        }
        assertNotEquals(first, ids.generateTraceId());

        ids.reseed(42);
        String afterSeed = ids.generateSpanId();
        ids.reseed(42);
        assertEquals(afterSeed, ids.generateSpanId(), "the same seed draws the same ids: a restore must draw a new one");
    }

    @Test
    void linesUnderTheLogLevelAreDropped() {
        Log log = new Log(new PrintStream(lines), Log.Level.WARN);

        log.info("dropped", Map.of());
        log.warn("kept", Map.of("k", 1));

        List<JSONObject> written = logLines();
        assertEquals(1, written.size());
        assertEquals("kept", written.get(0).getString("message"));
        assertEquals(1, written.get(0).getInt("k"));
    }

    @Test
    void timestampsAreRfc3339AsJavaTimeWritesThem() {
        for (long millis : new long[] {0, 951_782_400_123L, 1_709_164_800_999L, 4_102_444_799_000L, 1_795_687_200_007L}) {
            StringBuilder text = new StringBuilder();
            Log.Rfc3339.append(text, millis);
            assertEquals(Instant.ofEpochMilli(millis), Instant.parse(text));
            assertEquals(24, text.length(), text.toString());
        }
    }

    @Test
    void aWarmUpIsAnsweredWithoutASpanALogLineOrAMetric() throws IOException {
        try (Collector collector = Collector.start()) {
            ApiHandler handler = handler(collector.url(), DELIVERY_MILLIS, "always_on");
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            handler.handleRequest(new ByteArrayInputStream("{\"warmer\": true}".getBytes(StandardCharsets.UTF_8)), out,
                    new TestContext());

            assertEquals("{\"warmed\":true}", out.toString(StandardCharsets.UTF_8));
            assertEquals(0, collector.spans().size());
            assertEquals("", lines.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void snapStartPrimingRunsTheRealRoutesAndSendsNothing() throws Exception {
        java.util.List<String> answered = new java.util.concurrent.CopyOnWriteArrayList<>();
        Router recording = new Router()
                .on("GET", "/hello", request -> {
                    HttpResponse response = Api.hello(request);
                    answered.add("GET /hello " + response.status());
                    return response;
                })
                .on("POST", "/items", request -> {
                    HttpResponse response = Items.create(request);
                    answered.add("POST /items " + response.status());
                    return response;
                });
        try (Collector collector = Collector.start()) {
            ApiHandler handler = handler(recording, collector.url(), DELIVERY_MILLIS, "always_on");

            new SnapStartPriming(handler).beforeCheckpoint();

            assertEquals(List.of("GET /hello 200", "POST /items 201"), answered);
            assertEquals(0, collector.spans().size(), "priming sends nothing over the network");
            assertEquals("", lines.toString(StandardCharsets.UTF_8), "and prints nothing");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "jdk"})
    void theInitSendsNothingAndTheFirstRequestsSpanIsFlushedBeforeItsResponse(String sender) throws Exception {
        try (Collector collector = Collector.start()) {
            Log log = new Log(new PrintStream(lines, true, StandardCharsets.UTF_8), Log.Level.INFO);
            Telemetry telemetry = Telemetry.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", collector.url(),
                    "TRACE_FLUSH_TIMEOUT_MS", String.valueOf(DELIVERY_MILLIS), "OTLP_SENDER", sender), log);

            assertFalse(collector.awaitRequests(1, 300), "no export before a request");
            ApiHandler handler = new ApiHandler(Api.router(), Invoke.MAX_BODY_BYTES, log, telemetry,
                    new Metrics("orders-dev-api", "orders-dev-api", new PrintStream(OutputStream.nullOutputStream())));
            invoke(handler, Invoke.request("GET", "/hello", null));

            assertEquals(1, collector.spans().size(), "the first request's span, flushed before its response");
            assertEquals("GET /hello", collector.spans().get(0).getName());
            assertEquals(1, collector.requests());
            // The JDK's java.net.http client offers HTTP/2 on plain HTTP; CollectorSender (OtlpSpans) speaks HTTP/1.1 only
            assertEquals("jdk".equals(sender) ? "h2c" : null, collector.headers().get(0).getFirst("Upgrade"), sender);
            assertEquals(List.of(), logLines().stream().filter(l -> "WARN".equals(l.getString("level"))).toList());
            telemetry.shutdown();
        }
    }

    @Test
    void aCollectorDownOrHangingAtInitNeitherFailsNorHoldsTheInitAndWarnsOnceAtTheFirstFlush() throws Exception {
        try (Collector hanging = Collector.hanging()) {
            for (String url : List.of(Collector.refusedUrl(), hanging.url())) {
                lines.reset();
                Log log = new Log(new PrintStream(lines, true, StandardCharsets.UTF_8), Log.Level.INFO);
                long started = System.nanoTime();
                Telemetry telemetry = Telemetry.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", url,
                        "TRACE_FLUSH_TIMEOUT_MS", "300"), log);
                long initMillis = (System.nanoTime() - started) / 1_000_000;
                ApiHandler handler = new ApiHandler(Api.router(), Invoke.MAX_BODY_BYTES, log, telemetry,
                        new Metrics("orders-dev-api", "orders-dev-api", new PrintStream(OutputStream.nullOutputStream())));

                assertTrue(initMillis < MARGIN_MILLIS, url + ": the init waited " + initMillis + " ms for the collector");
                for (int i = 0; i < 2; i++) {
                    long invoked = System.nanoTime();
                    assertEquals(200, invoke(handler, Invoke.request("GET", "/hello", null)).get("statusCode"));
                    long millis = (System.nanoTime() - invoked) / 1_000_000;
                    assertTrue(millis < 300 + MARGIN_MILLIS, url + ": answered in " + millis + " ms, bound 300 ms");
                }
                List<JSONObject> warnings = logLines().stream().filter(l -> "WARN".equals(l.getString("level"))).toList();
                assertEquals(1, warnings.size(), url + ": one warning, at the first flush: " + warnings);
                telemetry.shutdown();
            }
        }
    }

    @Test
    void aWarmUpThatMustNotConnectEncodesASpanAndSendsNothing() {
        for (boolean jdkSender : List.of(false, true)) { // OtlpSpans, then OpenTelemetry's exporter and JDK sender
            try (Collector collector = Collector.start()) {
                io.opentelemetry.sdk.trace.export.SpanExporter exporter = Telemetry.otlp(collector.url() + "/v1/traces",
                        DELIVERY_MILLIS, jdkSender);

                assertTrue(Telemetry.warmUp(exporter, Telemetry.resource(ENV), false).isSuccess());
                assertTrue(Telemetry.warmUp(exporter, Telemetry.resource(ENV), true)
                        .join(DELIVERY_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS).isSuccess());

                assertEquals(1, collector.requests(), "only the warm-up that may connect sent an export");
                assertEquals(0, collector.spans().size());
                exporter.shutdown();
            }
        }
    }

    @Test
    void snapStartPrimingExportsToALoopbackEndpointOfItsOwn() throws IOException {
        assertTrue(SnapStartPriming.primeExport(), "the priming endpoint answered the exporter's request");
        assertEquals(42, SnapStartPriming.contentLength("POST /v1/traces HTTP/1.1\r\nHost: x\r\ncontent-LENGTH: 42\r\n\r\n"));
        assertEquals(0, SnapStartPriming.contentLength("POST /v1/traces HTTP/1.1\r\nHost: x\r\n\r\n"));
    }

    @Test
    void theClientsUserAgentIsOnTheSpanAndLinesAfterTheRequestCarryNoRequestIds() throws IOException {
        try (Collector collector = Collector.start()) {
            ApiHandler handler = handler(collector.url(), DELIVERY_MILLIS, "parentbased_always_on");
            Map<String, Object> event = Invoke.request("GET", "/hello", null);
            @SuppressWarnings("unchecked")
            Map<String, Object> headers = (Map<String, Object>) event.get("headers");
            headers.put("user-agent", "curl/8.5.0");

            invoke(handler, event);
            invoke(handler, Invoke.request("GET", "/health", null));

            assertEquals("curl/8.5.0", attributes(collector.spans().get(0).getAttributesList()).get("user_agent.original"));
            assertFalse(attributes(collector.spans().get(1).getAttributesList()).containsKey("user_agent.original"));
        }
        // The handler's own log, after its requests: no request's ids
        lines.reset();
        PrintStream out = new PrintStream(lines, true, StandardCharsets.UTF_8);
        Log log = new Log(out, Log.Level.INFO);
        ApiHandler quiet = new ApiHandler(Api.router(), Invoke.MAX_BODY_BYTES, log, new Telemetry(
                io.opentelemetry.sdk.trace.export.SpanExporter.composite(), Telemetry.resource(ENV),
                Telemetry.sampler(Map.of()), 100, log), new Metrics("orders-dev-api", "orders-dev-api", out));
        invoke(quiet, Invoke.request("GET", "/health", null));
        log.info("between requests", Map.of());
        JSONObject after = logLines().get(logLines().size() - 1);
        assertEquals("between requests", after.getString("message"));
        assertFalse(after.has("requestId"), after.toString());
        assertFalse(after.has("traceId"), after.toString());
    }

    @Test
    void aFlushBoundBelowOneFailsTheInitNamingTheVariable() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Telemetry.fromEnvironment(Map.of("TRACE_FLUSH_TIMEOUT_MS", "0"), new Log(new PrintStream(lines),
                        Log.Level.INFO)));

        assertEquals("TRACE_FLUSH_TIMEOUT_MS must be at least 1, not 0", e.getMessage());
    }

    @Test
    void anEndpointThatIsNotHttpFailsTheInitNamingTheVariable() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Telemetry.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "localhost:4318"),
                        new Log(new PrintStream(lines), Log.Level.INFO)));

        assertTrue(e.getMessage().startsWith("OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL"),
                e.getMessage());
    }

    private ApiHandler handler(String collectorUrl, long flushMillis, String sampler) {
        return handler(Api.router(), collectorUrl, flushMillis, sampler);
    }

    private ApiHandler handler(Router router, String collectorUrl, long flushMillis, String sampler) {
        PrintStream out = new PrintStream(lines, true, StandardCharsets.UTF_8);
        Log log = new Log(out, Log.Level.INFO);
        Telemetry telemetry = new Telemetry(Telemetry.otlp(collectorUrl + "/v1/traces", flushMillis),
                Telemetry.resource(ENV), Telemetry.sampler(Map.of("OTEL_TRACES_SAMPLER", sampler)), flushMillis, log);
        return new ApiHandler(router, Invoke.MAX_BODY_BYTES, log, telemetry, new Metrics("orders-dev-api",
                "orders-dev-api", out));
    }

    private static Map<String, Object> invoke(ApiHandler handler, Map<String, Object> event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(new JSONObject(event).toString().getBytes(StandardCharsets.UTF_8)),
                out, new TestContext());
        return new JSONObject(out.toString(StandardCharsets.UTF_8)).toMap();
    }

    /** Every line written, each parsed as one JSON object: a line that is not JSON fails the test. */
    private List<JSONObject> allLines() {
        return lines.toString(StandardCharsets.UTF_8).lines().map(JSONObject::new).toList();
    }

    private List<JSONObject> logLines() {
        return allLines().stream().filter(l -> l.has("level")).toList();
    }

    private List<JSONObject> emfLines() {
        return allLines().stream().filter(l -> l.has("_aws")).toList();
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    private static Map<String, Object> attributes(List<KeyValue> keyValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (KeyValue kv : keyValues) {
            var v = kv.getValue();
            map.put(kv.getKey(), switch (v.getValueCase()) {
                case STRING_VALUE -> v.getStringValue();
                case BOOL_VALUE -> v.getBoolValue();
                case INT_VALUE -> v.getIntValue();
                case DOUBLE_VALUE -> v.getDoubleValue();
                default -> v.toString();
            });
        }
        return map;
    }
}
