package com.example.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.List;
import java.util.Locale;

/**
 * X-Ray's trace header, {@code X-Amzn-Trace-Id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1}
 * (https://docs.aws.amazon.com/xray/latest/devguide/xray-concepts.html#xray-concepts-tracingheader), as an
 * OpenTelemetry propagator, and Lambda's copy of it for the current invocation. A header that does not parse is
 * ignored: the span then starts a trace of its own.
 */
final class XrayHeader implements TextMapPropagator {

    static final String HEADER = "X-Amzn-Trace-Id";
    /** Set by the Lambda runtime client for each invocation, from the Runtime API's Lambda-Runtime-Trace-Id. */
    static final String LAMBDA_PROPERTY = "com.amazonaws.xray.traceHeader";
    static final String LAMBDA_VARIABLE = "_X_AMZN_TRACE_ID";

    static final XrayHeader INSTANCE = new XrayHeader();

    private XrayHeader() {
    }

    /** The invocation's trace header as a remote parent; the root context when there is none. */
    static Context lambdaParent() {
        String header = System.getProperty(LAMBDA_PROPERTY);
        if (header == null || header.isEmpty()) {
            header = System.getenv(LAMBDA_VARIABLE);
        }
        SpanContext parent = parse(header);
        return parent == null ? Context.root() : Context.root().with(Span.wrap(parent));
    }

    /** The span context a header names, or null when it is absent or malformed. */
    static SpanContext parse(String header) {
        if (header == null) {
            return null;
        }
        String traceId = null;
        String parentId = null;
        boolean sampled = false;
        for (String part : header.split(";")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = part.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = part.substring(equals + 1).strip();
            switch (key) {
                case "root" -> traceId = traceId(value);
                case "parent" -> parentId = value.length() == 16 && hex(value) ? value.toLowerCase(Locale.ROOT) : null;
                case "sampled" -> sampled = "1".equals(value);
                default -> {
                    // Lineage and other fields: not part of the span context
                }
            }
        }
        if (traceId == null || parentId == null) {
            return null;
        }
        SpanContext context = SpanContext.createFromRemoteParent(traceId, parentId,
                sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
        return context.isValid() ? context : null;
    }

    /** 1-{8 hex digits}-{24 hex digits} as OpenTelemetry's 32 hex digits. */
    private static String traceId(String root) {
        if (root.length() != 35 || !root.startsWith("1-") || root.charAt(10) != '-') {
            return null;
        }
        String id = root.substring(2, 10) + root.substring(11);
        return hex(id) ? id.toLowerCase(Locale.ROOT) : null;
    }

    private static boolean hex(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<String> fields() {
        return List.of(HEADER);
    }

    @Override
    public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        if (!span.isValid()) {
            return;
        }
        String traceId = span.getTraceId();
        setter.set(carrier, HEADER, "Root=1-" + traceId.substring(0, 8) + "-" + traceId.substring(8) + ";Parent="
                + span.getSpanId() + ";Sampled=" + (span.isSampled() ? "1" : "0"));
    }

    @Override
    public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
        SpanContext parent = parse(getter.get(carrier, HEADER));
        return parent == null ? context : context.with(Span.wrap(parent));
    }
}
