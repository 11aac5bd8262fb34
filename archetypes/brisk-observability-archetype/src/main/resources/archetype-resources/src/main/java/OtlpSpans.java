package ${package};

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The span exporter for the collector layer on localhost: OTLP/HTTP protobuf, encoded here and posted with
 * {@link CollectorSender}. OpenTelemetry's OTLP exporter encodes with about a hundred classes of its own, which the
 * first sampled invocation loaded and ran for about 50 ms, and its build cost the init about 25 ms more (see the
 * README). The request is the {@code ExportTraceServiceRequest} of opentelemetry-proto, field for field the one
 * OpenTelemetry's exporter sends (tested against it). An {@code https://} collector, or {@code OTLP_SENDER=jdk}, gets
 * OpenTelemetry's exporter with its JDK sender instead.
 *
 * <p>Each export is one POST on the calling thread ({@link Telemetry.Pending}'s export thread); no retries: the flush
 * bound is the whole budget.
 */
final class OtlpSpans implements SpanExporter {

    private final CollectorSender sender;
    private volatile boolean shutdown;

    OtlpSpans(CollectorSender sender) {
        this.sender = sender;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        if (shutdown) {
            return CompletableResultCode.ofExceptionalFailure(new IllegalStateException("the exporter is shut down"));
        }
        try {
            CollectorSender.Response response = sender.post(request(spans).toByteArray());
            if (response.status() >= 200 && response.status() < 300) {
                return CompletableResultCode.ofSuccess();
            }
            return CompletableResultCode.ofExceptionalFailure(new IOException("the collector answered "
                    + response.status() + " " + response.reason() + " to " + spans.size() + " spans"));
        } catch (IOException | RuntimeException e) {
            return CompletableResultCode.ofExceptionalFailure(e);
        }
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess(); // each export is sent before it returns
    }

    @Override
    public CompletableResultCode shutdown() {
        shutdown = true;
        return CompletableResultCode.ofSuccess();
    }

    // opentelemetry-proto: collector/trace/v1/trace_service.proto, trace/v1/trace.proto, common/v1/common.proto

    /** An ExportTraceServiceRequest: the spans grouped by resource, then by instrumentation scope, in order. */
    static Proto request(Collection<SpanData> spans) {
        Map<Resource, Map<InstrumentationScopeInfo, List<SpanData>>> groups = new LinkedHashMap<>();
        for (SpanData span : spans) {
            Map<InstrumentationScopeInfo, List<SpanData>> scopes = groups.get(span.getResource());
            if (scopes == null) {
                scopes = new LinkedHashMap<>();
                groups.put(span.getResource(), scopes);
            }
            List<SpanData> inScope = scopes.get(span.getInstrumentationScopeInfo());
            if (inScope == null) {
                inScope = new ArrayList<>();
                scopes.put(span.getInstrumentationScopeInfo(), inScope);
            }
            inScope.add(span);
        }
        Proto request = new Proto();
        for (Map.Entry<Resource, Map<InstrumentationScopeInfo, List<SpanData>>> group : groups.entrySet()) {
            Proto resourceSpans = new Proto();
            Resource resource = group.getKey();
            Proto resourceMessage = new Proto();
            attributes(resourceMessage, 1, resource.getAttributes());
            resourceSpans.message(1, resourceMessage);
            for (Map.Entry<InstrumentationScopeInfo, List<SpanData>> scope : group.getValue().entrySet()) {
                Proto scopeSpans = new Proto();
                InstrumentationScopeInfo info = scope.getKey();
                Proto scopeMessage = new Proto();
                scopeMessage.string(1, info.getName());
                scopeMessage.string(2, info.getVersion());
                attributes(scopeMessage, 3, info.getAttributes());
                scopeSpans.message(1, scopeMessage);
                for (SpanData span : scope.getValue()) {
                    scopeSpans.message(2, span(span));
                }
                scopeSpans.string(3, info.getSchemaUrl());
                resourceSpans.message(2, scopeSpans);
            }
            resourceSpans.string(3, resource.getSchemaUrl());
            request.message(1, resourceSpans);
        }
        return request;
    }

    static Proto span(SpanData span) {
        Proto out = new Proto();
        SpanContext context = span.getSpanContext();
        out.always(1, context.getTraceIdBytes());
        out.always(2, context.getSpanIdBytes());
        out.string(3, traceState(context.getTraceState()));
        SpanContext parent = span.getParentSpanContext();
        if (parent.isValid()) {
            out.always(4, parent.getSpanIdBytes());
        }
        out.string(5, span.getName());
        out.uint(6, span.getKind().ordinal() + 1); // SPAN_KIND_INTERNAL (1) to SPAN_KIND_CONSUMER (5), in order
        out.fixed64(7, span.getStartEpochNanos());
        out.fixed64(8, span.getEndEpochNanos());
        attributes(out, 9, span.getAttributes());
        out.uint(10, span.getTotalAttributeCount() - span.getAttributes().size());
        for (EventData event : span.getEvents()) {
            Proto message = new Proto();
            message.fixed64(1, event.getEpochNanos());
            message.string(2, event.getName());
            attributes(message, 3, event.getAttributes());
            message.uint(4, event.getTotalAttributeCount() - event.getAttributes().size());
            out.message(11, message);
        }
        out.uint(12, span.getTotalRecordedEvents() - span.getEvents().size());
        for (LinkData link : span.getLinks()) {
            Proto message = new Proto();
            SpanContext linked = link.getSpanContext();
            message.always(1, linked.getTraceIdBytes());
            message.always(2, linked.getSpanIdBytes());
            message.string(3, traceState(linked.getTraceState()));
            attributes(message, 4, link.getAttributes());
            message.uint(5, link.getTotalAttributeCount() - link.getAttributes().size());
            message.fixed32(6, flags(linked));
            out.message(13, message);
        }
        out.uint(14, span.getTotalRecordedLinks() - span.getLinks().size());
        StatusData status = span.getStatus();
        Proto statusMessage = new Proto();
        statusMessage.string(2, status.getDescription());
        statusMessage.uint(3, switch (status.getStatusCode()) { // STATUS_CODE_UNSET 0, OK 1, ERROR 2
            case UNSET -> 0;
            case OK -> 1;
            case ERROR -> 2;
        });
        out.message(15, statusMessage);
        out.fixed32(16, flags(parent.isValid() ? parent : context, context));
        return out;
    }

    /** Span flags: the W3C trace flags, and whether the parent is remote (known: bit 8; remote: bit 9). */
    private static int flags(SpanContext parent, SpanContext span) {
        return (span.getTraceFlags().asByte() & 0xff) | (parent.isRemote() ? 0x300 : 0x100);
    }

    private static int flags(SpanContext linked) {
        return flags(linked, linked);
    }

    /** The W3C tracestate header's form: key=value pairs joined by commas. */
    static String traceState(TraceState state) {
        if (state.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : state.asMap().entrySet()) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(entry.getKey()).append('=').append(entry.getValue());
        }
        return text.toString();
    }

    /** Each attribute a KeyValue in {@code field}. */
    static void attributes(Proto out, int field, Attributes attributes) {
        attributes.forEach((key, value) -> { // in the attributes' own order, as OpenTelemetry's exporter writes them
            Proto keyValue = new Proto();
            keyValue.string(1, key.getKey());
            keyValue.message(2, attributeValue(key, value));
            out.message(field, keyValue);
        });
    }

    private static Proto attributeValue(AttributeKey<?> key, Object value) {
        return switch (key.getType()) {
            case STRING_ARRAY, BOOLEAN_ARRAY, LONG_ARRAY, DOUBLE_ARRAY -> {
                Proto array = new Proto();
                for (Object element : (List<?>) value) {
                    array.message(1, scalar(element));
                }
                Proto any = new Proto();
                any.message(5, array);
                yield any;
            }
            case VALUE -> value((Value<?>) value);
            default -> scalar(value); // STRING, BOOLEAN, LONG, DOUBLE
        };
    }

    /** An AnyValue of a String, Boolean, Long or Double (fields 1 to 4), written even at its default. */
    private static Proto scalar(Object value) {
        Proto any = new Proto();
        if (value instanceof String text) {
            any.always(1, text.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof Boolean bool) {
            any.always(2, bool ? 1 : 0);
        } else if (value instanceof Long number) {
            any.always(3, number);
        } else if (value instanceof Double number) {
            any.alwaysFixed64(4, Double.doubleToRawLongBits(number));
        }
        return any;
    }

    /** An AnyValue: scalars, arrays (field 5), key-value lists (6), bytes (7); an empty value sets none. */
    static Proto value(Value<?> value) {
        Proto any = new Proto();
        switch (value.getType()) {
            case STRING, BOOLEAN, LONG, DOUBLE -> {
                return scalar(value.getValue());
            }
            case ARRAY -> {
                Proto array = new Proto();
                for (Object element : (List<?>) value.getValue()) {
                    array.message(1, value((Value<?>) element));
                }
                any.message(5, array);
            }
            case KEY_VALUE_LIST -> {
                Proto list = new Proto();
                for (Object element : (List<?>) value.getValue()) {
                    KeyValue keyValue = (KeyValue) element;
                    Proto entry = new Proto();
                    entry.string(1, keyValue.getKey());
                    entry.message(2, value(keyValue.getValue()));
                    list.message(1, entry);
                }
                any.message(6, list);
            }
            case BYTES -> {
                ByteBuffer buffer = ((ByteBuffer) value.getValue()).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                any.always(7, bytes);
            }
            case EMPTY -> {
                // AnyValue with no value set
            }
        }
        return any;
    }

    /**
     * A protobuf message being written: fields appended in the wire format, nested messages written whole and then
     * copied in with their length. Fields at their default (empty, zero) are left out, as proto3 does.
     */
    static final class Proto {

        private byte[] bytes = new byte[64];
        private int size;

        void string(int field, String value) {
            if (value != null && !value.isEmpty()) {
                always(field, value.getBytes(StandardCharsets.UTF_8));
            }
        }

        /** Ids: never empty. Also a field of a oneof (AnyValue's), written even at its default to say which is set. */
        void always(int field, byte[] value) {
            tag(field, 2);
            varint(value.length);
            append(value, value.length);
        }

        void always(int field, long value) {
            tag(field, 0);
            varint(value);
        }

        void alwaysFixed64(int field, long value) {
            tag(field, 1);
            for (int i = 0; i < 8; i++) {
                write((int) (value >>> (8 * i)));
            }
        }

        void message(int field, Proto message) {
            tag(field, 2);
            varint(message.size);
            append(message.bytes, message.size);
        }

        void uint(int field, long value) {
            if (value != 0) {
                tag(field, 0);
                varint(value);
            }
        }

        void fixed64(int field, long value) {
            if (value != 0) {
                alwaysFixed64(field, value);
            }
        }

        void fixed32(int field, int value) {
            if (value != 0) {
                tag(field, 5);
                for (int i = 0; i < 4; i++) {
                    write(value >>> (8 * i));
                }
            }
        }

        private void tag(int field, int wireType) {
            varint((long) field << 3 | wireType);
        }

        private void varint(long value) {
            while ((value & ~0x7FL) != 0) {
                write((int) (value & 0x7F) | 0x80);
                value >>>= 7;
            }
            write((int) value);
        }

        private void write(int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2);
            }
            bytes[size++] = (byte) b;
        }

        private void append(byte[] from, int length) {
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size * 2, size + length));
            }
            System.arraycopy(from, 0, bytes, size, length);
            size += length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
