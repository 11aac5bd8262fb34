package com.example.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Brisk's OTLP encoder against OpenTelemetry's: the same spans, encoded by both, decoded with opentelemetry-proto,
 * must be the same request, field for field.
 */
class OtlpSpansTest {

    @Test
    void encodesEverySpanFieldAsOpenTelemetrysExporterDoes() throws IOException {
        List<SpanData> spans = spans();

        ExportTraceServiceRequest ours = ExportTraceServiceRequest.parseFrom(OtlpSpans.request(spans).toByteArray());

        assertEquals(otel(spans), inOrder(ours));
        // and the request is not trivially empty: two resources, the first with two scopes, the second with two
        assertEquals(2, ours.getResourceSpansCount());
        assertEquals(2, ours.getResourceSpans(0).getScopeSpansCount());
        assertEquals(2, ours.getResourceSpans(1).getScopeSpansCount());
        assertEquals(4, ours.getResourceSpans(0).getScopeSpans(0).getSpansCount());
    }

    @Test
    void keepsValuesAtTheirDefaultInsideAttributeValues() throws IOException {
        List<SpanData> spans = spans();

        var attributes = ExportTraceServiceRequest.parseFrom(OtlpSpans.request(spans).toByteArray())
                .getResourceSpans(0).getScopeSpans(0).getSpansList().stream()
                .filter(span -> span.getName().equals("GET /items")).findFirst().orElseThrow().getAttributesList();

        AnyValue cold = attributes.stream().filter(a -> a.getKey().equals("faas.coldstart")).findFirst().orElseThrow()
                .getValue();
        assertEquals(AnyValue.ValueCase.BOOL_VALUE, cold.getValueCase()); // false, but said
        AnyValue zero = attributes.stream().filter(a -> a.getKey().equals("zero")).findFirst().orElseThrow().getValue();
        assertEquals(AnyValue.ValueCase.INT_VALUE, zero.getValueCase());
        AnyValue empty = attributes.stream().filter(a -> a.getKey().equals("empty")).findFirst().orElseThrow()
                .getValue();
        assertEquals(AnyValue.ValueCase.STRING_VALUE, empty.getValueCase());
    }

    @Test
    void anEmptyExportIsAnEmptyRequest() {
        assertEquals(0, OtlpSpans.request(List.of()).toByteArray().length);
    }

    @Test
    void postsTheRequestAndReportsTheCollectorsAnswer() throws Exception {
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        List<String> types = new CopyOnWriteArrayList<>();
        int[] status = {200};
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            types.add(exchange.getRequestHeaders().getFirst("Content-Type") + " " + exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(status[0], -1);
            exchange.close();
        });
        server.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces");
            OtlpSpans exporter = new OtlpSpans(new CollectorSender(endpoint, 2_000));
            List<SpanData> spans = spans();

            CompletableResultCode sent = exporter.export(spans);
            status[0] = 299;
            CompletableResultCode accepted = exporter.export(spans);
            status[0] = 503;
            CompletableResultCode refused = exporter.export(spans);
            status[0] = 300;
            CompletableResultCode notAccepted = exporter.export(spans);
            assertTrue(exporter.flush().isSuccess(), "each export was sent before it returned: nothing to flush");
            exporter.shutdown();
            CompletableResultCode afterShutdown = exporter.export(spans);

            assertTrue(sent.isSuccess());
            assertTrue(accepted.isSuccess());
            assertFalse(notAccepted.isSuccess());
            assertEquals(otel(spans), inOrder(ExportTraceServiceRequest.parseFrom(bodies.get(0))));
            assertEquals("application/x-protobuf /v1/traces", types.get(0));
            assertFalse(refused.isSuccess());
            assertEquals("the collector answered 503 Service Unavailable to 7 spans",
                    refused.getFailureThrowable().getMessage());
            assertFalse(afterShutdown.isSuccess());
            assertEquals("the exporter is shut down", afterShutdown.getFailureThrowable().getMessage());
            assertEquals(4, bodies.size()); // nothing sent after the shutdown
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aCollectorThatIsDownIsAFailureNotAThrow() {
        OtlpSpans exporter = new OtlpSpans(new CollectorSender(URI.create(Collector.refusedUrl() + "/v1/traces"), 1_000));

        CompletableResultCode result = exporter.export(spans());

        assertTrue(result.isDone());
        assertFalse(result.isSuccess());
        assertTrue(result.getFailureThrowable() instanceof IOException, String.valueOf(result.getFailureThrowable()));
    }

    /** OpenTelemetry's exporter's request for the spans, its resources and scopes in a stable order. */
    private static ExportTraceServiceRequest otel(Collection<SpanData> spans) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TraceRequestMarshaler.create(spans).writeBinaryTo(bytes);
        return inOrder(ExportTraceServiceRequest.parseFrom(bytes.toByteArray()));
    }

    /**
     * The request with its resources, and the scopes in each, sorted: OpenTelemetry's exporter groups them in a hash
     * map's order, this encoder in the order the spans came; the spans in each scope keep their order.
     */
    private static ExportTraceServiceRequest inOrder(ExportTraceServiceRequest request) {
        List<ResourceSpans> resources = new ArrayList<>();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            List<ScopeSpans> scopes = new ArrayList<>(resource.getScopeSpansList());
            scopes.sort(Comparator.comparing(scope -> scope.getScope().toString()));
            resources.add(resource.toBuilder().clearScopeSpans().addAllScopeSpans(scopes).build());
        }
        resources.sort(Comparator.comparing(resource -> resource.getResource().toString()));
        return ExportTraceServiceRequest.newBuilder().addAllResourceSpans(resources).build();
    }

    /** Spans that use every field: two resources, three scopes, remote and local parents, events, links, limits. */
    private static List<SpanData> spans() {
        Recording collect = new Recording();
        Resource resource = Resource.create(Attributes.builder().put("service.name", "orders")
                .put("faas.max_memory", 536_870_912L).build(), "https://opentelemetry.io/schemas/1.30.0");
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource)
                .setSpanLimits(SpanLimits.builder().setMaxNumberOfAttributes(12).setMaxNumberOfEvents(2)
                        .setMaxNumberOfLinks(1).setMaxNumberOfAttributesPerEvent(1).setMaxNumberOfAttributesPerLink(1)
                        .build())
                .addSpanProcessor(SimpleSpanProcessor.create(collect)).build();
        Tracer tracer = provider.tracerBuilder("orders").setInstrumentationVersion("1.2.3")
                .setSchemaUrl("https://opentelemetry.io/schemas/1.29.0").build();
        SpanContext remote = SpanContext.createFromRemoteParent("5759e988bd862e3fe1be46a994272793",
                "53995c3f42cd8ad8", TraceFlags.getSampled(), TraceState.builder().put("vendor", "x1").put("aws", "y").build());

        Span server = tracer.spanBuilder("GET /items").setParent(Context.root().with(Span.wrap(remote)))
                .setSpanKind(SpanKind.SERVER).setStartTimestamp(1_700_000_000_123_456_789L, TimeUnit.NANOSECONDS)
                .setAttribute("faas.coldstart", false).setAttribute("zero", 0L).setAttribute("empty", "")
                .setAttribute("http.response.status_code", 500L).setAttribute("ratio", 0.25)
                .setAttribute("negative", -7L).setAttribute("unicode", "žluťoučký 🐎")
                .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "", "c"))
                .setAttribute(AttributeKey.booleanArrayKey("flags"), List.of(true, false))
                .setAttribute(AttributeKey.longArrayKey("sizes"), List.of(1L, 0L, Long.MIN_VALUE))
                .setAttribute(AttributeKey.doubleArrayKey("weights"), List.of(0.0, -1.5))
                .setAttribute(AttributeKey.valueKey("structured"), Value.of(KeyValue.of("id", Value.of(42L)),
                        KeyValue.of("raw", Value.of(new byte[] {1, 0, 2})), KeyValue.of("list",
                                Value.of(Value.of("x"), Value.of(true), Value.of(2.5), Value.empty()))))
                .setAttribute("over.the.limit", "dropped")
                .addLink(remote, Attributes.of(AttributeKey.stringKey("link"), "kept", AttributeKey.longKey("over"), 1L))
                .addLink(SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                        TraceFlags.getDefault(), TraceState.getDefault()))
                .startSpan();
        server.addEvent("retry", Attributes.of(AttributeKey.longKey("attempt"), 2L, AttributeKey.stringKey("x"), "y"));
        server.addEvent("empty event", 1_700_000_000_200_000_000L, TimeUnit.NANOSECONDS);
        server.addEvent("one too many");
        Span client = tracer.spanBuilder("S3 GetObject").setParent(Context.root().with(server))
                .setSpanKind(SpanKind.CLIENT).startSpan();
        client.setStatus(StatusCode.OK);
        client.end();
        server.setStatus(StatusCode.ERROR, "boom: 500");
        server.end(1_700_000_000_987_654_321L, TimeUnit.NANOSECONDS);
        for (SpanKind kind : List.of(SpanKind.INTERNAL, SpanKind.PRODUCER)) {
            tracer.spanBuilder("no parent " + kind).setNoParent().setSpanKind(kind).startSpan().end();
        }
        provider.get("second scope").spanBuilder("consumer").setSpanKind(SpanKind.CONSUMER).startSpan().end();
        SdkTracerProvider.builder().setResource(Resource.empty()).addSpanProcessor(SimpleSpanProcessor.create(collect))
                .build().get("").spanBuilder("").startSpan().end();
        List<SpanData> ended = new ArrayList<>(collect.spans());
        // A scope with attributes, which the API's tracer builder cannot set
        InstrumentationScopeInfo scope = InstrumentationScopeInfo.builder("library").setVersion("2.0")
                .setAttributes(Attributes.of(AttributeKey.stringKey("library.kind"), "http")).build();
        ended.add(new DelegatingSpanData(ended.get(ended.size() - 1)) {
            @Override
            public InstrumentationScopeInfo getInstrumentationScopeInfo() {
                return scope;
            }
        });
        return ended;
    }
}
