package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class XrayHeaderTest {

    @Test
    void readsLambdasHeaderWithItsLineage() {
        SpanContext parent = XrayHeader.parse(
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:0");

        assertEquals("5759e988bd862e3fe1be46a994272793", parent.getTraceId());
        assertEquals("53995c3f42cd8ad8", parent.getSpanId());
        assertTrue(parent.isSampled());
        assertTrue(parent.isRemote());
    }

    @Test
    void anUndecidedOrUnsampledHeaderIsNotSampled() {
        assertFalse(XrayHeader.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=?")
                .isSampled());
        assertFalse(XrayHeader.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8").isSampled());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "Root=1-5759e988-bd862e3fe1be46a994272793",
        "Root=1-5759e988-bd862e3fe1be46a99427279;Parent=53995c3f42cd8ad8",
        "Root=2-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8",
        "Root=1-5759e98g-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8",
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=0000000000000000",
        "Root=1-00000000-000000000000000000000000;Parent=53995c3f42cd8ad8"})
    void aMalformedHeaderIsIgnored(String header) {
        assertNull(XrayHeader.parse(header));
    }

    @Test
    void injectsWhatItExtracts() {
        String header = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        Map<String, String> carrier = new HashMap<>();

        XrayHeader.INSTANCE.inject(io.opentelemetry.context.Context.root().with(Span.wrap(XrayHeader.parse(header))),
                carrier, Map::put);

        assertEquals(Map.of("X-Amzn-Trace-Id", header), carrier);
    }

    @Test
    void itNamesItsOneHeaderAndExtractsTheParentFromACarrier() {
        TextMapGetter<Map<String, String>> getter = new TextMapGetter<>() {
            @Override
            public Iterable<String> keys(Map<String, String> carrier) {
                return carrier.keySet();
            }

            @Override
            public String get(Map<String, String> carrier, String key) {
                return carrier == null ? null : carrier.get(key);
            }
        };
        io.opentelemetry.context.Context root = io.opentelemetry.context.Context.root();

        io.opentelemetry.context.Context extracted = XrayHeader.INSTANCE.extract(root, Map.of("X-Amzn-Trace-Id",
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"), getter);

        assertEquals(List.of("X-Amzn-Trace-Id"), XrayHeader.INSTANCE.fields());
        assertEquals("53995c3f42cd8ad8", Span.fromContext(extracted).getSpanContext().getSpanId());
        assertTrue(Span.fromContext(extracted).getSpanContext().isRemote());
        assertSame(root, XrayHeader.INSTANCE.extract(root, Map.of(), getter), "no header: the context as it was");
    }
}
