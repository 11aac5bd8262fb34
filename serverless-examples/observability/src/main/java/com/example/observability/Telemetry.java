package com.example.observability;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.internal.otlp.traces.LowAllocationTraceRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The function's traces: an OpenTelemetry tracer built by hand (no autoconfigure, no service-loader scan on the init
 * path) that exports over OTLP/HTTP, with {@link OtlpSpans}, to the collector layer on localhost. Each
 * invocation's span is the child of Lambda's trace header, and is flushed before the response with a bounded wait:
 * a collector that is down or hanging costs at most that wait and one warning, never the response.
 */
final class Telemetry {

    static final String DEFAULT_ENDPOINT = "http://localhost:4318";
    static final long DEFAULT_FLUSH_MILLIS = 500;

    // Context storage: the default thread-local one, named, so that no ContextStorageProvider scan runs
    static {
        if (System.getProperty("io.opentelemetry.context.contextStorageProvider") == null) {
            System.setProperty("io.opentelemetry.context.contextStorageProvider", "default");
        }
    }

    /** The exporter's own failure messages: this class reports an outage once, with the reason. Held: JUL holds weakly. */
    private static final Logger EXPORTER_LOGS = Logger.getLogger("io.opentelemetry.exporter");

    /** Outgoing calls carry all three: X-Ray for AWS services, W3C and B3 for everything else. */
    private static final TextMapPropagator OUTGOING = TextMapPropagator.composite(XrayHeader.INSTANCE,
            W3CTraceContextPropagator.getInstance(), B3Propagator.injectingMultiHeaders());

    /**
     * OpenTelemetry's JDK sender, handed to its exporter directly (the exporter would otherwise look senders up with a
     * ServiceLoader): for an https:// collector, or any with OTLP_SENDER=jdk.
     */
    private static final ComponentLoader JDK_SENDER = new ComponentLoader() {
        @Override
        @SuppressWarnings("unchecked")
        public <T> Iterable<T> load(Class<T> type) {
            return type == HttpSenderProvider.class ? List.of((T) new JdkHttpSenderProvider()) : List.of();
        }
    };

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final XrayIds ids;
    private final Pending pending;
    private final long flushMillis;
    private final Log log;
    private boolean failing;

    Telemetry(SpanExporter exporter, Resource resource, Sampler sampler, long flushMillis, Log log) {
        this.ids = new XrayIds();
        this.pending = new Pending(exporter);
        this.flushMillis = flushMillis;
        this.log = log;
        this.provider = SdkTracerProvider.builder()
                .setResource(resource)
                .setIdGenerator(ids)
                .setSampler(sampler)
                .addSpanProcessor(pending)
                .build();
        this.tracer = provider.get("com.example.observability");
    }

    /** From Lambda's environment: the collector's endpoint, the flush bound, the sampler and the function's name. */
    static Telemetry fromEnvironment(Map<String, String> env, Log log) {
        long flushMillis = Long.parseLong(env.getOrDefault("TRACE_FLUSH_TIMEOUT_MS", String.valueOf(DEFAULT_FLUSH_MILLIS)));
        if (flushMillis < 1) {
            throw new IllegalArgumentException("TRACE_FLUSH_TIMEOUT_MS must be at least 1, not " + flushMillis);
        }
        String endpoint = env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", DEFAULT_ENDPOINT) + "/v1/traces";
        URI uri = URI.create(endpoint); // a bad endpoint fails the init, named, not the first export
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL, not "
                    + endpoint);
        }
        EXPORTER_LOGS.setLevel(Level.OFF);
        // Built here, not on a thread of its own, and no warm-up of the export path at init: measured, neither pays
        // on demand (see the README); SnapStart priming runs the warm-up before the snapshot
        return new Telemetry(otlp(endpoint, flushMillis, jdkSender(env)), resource(env), sampler(env), flushMillis, log);
    }

    /**
     * Walks the export path once, so that the first sampled invocation finds it loaded:
     * a span of this resource encoded to nowhere (by {@link OtlpSpans}, or OpenTelemetry's marshalers when the
     * exporter is OpenTelemetry's), then, unless {@code connect} is false, an empty export to the collector (the
     * sender's first request and its connection, kept alive for the first flush). The collector answers an empty
     * export 200 and passes nothing on. Never throws: a collector that is down or hanging costs this thread, never
     * the init, and the first flush reports it as usual.
     *
     * @return the empty export's result (already successful when {@code connect} is false)
     */
    static CompletableResultCode warmUp(SpanExporter exporter, Resource resource, boolean connect) {
        try {
            // A tracer of its own (nothing exported), with a processor: a provider without one records nothing
            Span span = SdkTracerProvider.builder().setResource(resource).addSpanProcessor(new Pending(exporter)).build()
                    .get("warm-up").spanBuilder("warm-up").setSpanKind(SpanKind.SERVER)
                    .setAttribute("faas.trigger", "http").setAttribute("faas.coldstart", true)
                    .setAttribute("http.response.status_code", 200L).startSpan();
            span.end();
            List<SpanData> spans = List.of(((ReadableSpan) span).toSpanData());
            if (exporter instanceof OtlpSpans) {
                OtlpSpans.request(spans);
            } else {
                LowAllocationTraceRequestMarshaler marshaler = new LowAllocationTraceRequestMarshaler();
                marshaler.initialize(spans);
                marshaler.writeBinaryTo(OutputStream.nullOutputStream());
            }
            return connect ? exporter.export(List.of()) : CompletableResultCode.ofSuccess();
        } catch (IOException | RuntimeException e) {
            // A warm-up only: the first flush meets the same failure and reports it
            return CompletableResultCode.ofExceptionalFailure(e);
        }
    }

    /** OTLP/HTTP protobuf, {@link OtlpSpans} for http://; no retries: the flush bound is the whole budget. */
    static SpanExporter otlp(String tracesEndpoint, long timeoutMillis) {
        return otlp(tracesEndpoint, timeoutMillis, false);
    }

    /**
     * The exporter for the endpoint: {@link OtlpSpans} for the plain-HTTP collector on localhost; OpenTelemetry's
     * OTLP exporter with its JDK sender for an https:// collector, or for every endpoint when {@code jdkSender} is
     * true (OTLP_SENDER=jdk). Both send protobuf with no retries, within the timeout.
     */
    static SpanExporter otlp(String tracesEndpoint, long timeoutMillis, boolean jdkSender) {
        URI endpoint = URI.create(tracesEndpoint);
        if (!jdkSender && "http".equals(endpoint.getScheme())) {
            return new OtlpSpans(new CollectorSender(endpoint, timeoutMillis));
        }
        return OtlpHttpSpanExporter.builder()
                .setEndpoint(tracesEndpoint)
                .setTimeout(Duration.ofMillis(timeoutMillis))
                .setConnectTimeout(Duration.ofMillis(timeoutMillis))
                .setRetryPolicy(null)
                .setMeterProvider(MeterProvider::noop)
                .setComponentLoader(JDK_SENDER)
                .build();
    }

    /**
     * OTLP_SENDER: {@code auto} (the default: {@link OtlpSpans} for a plain-HTTP collector, OpenTelemetry's exporter
     * and JDK sender for https://) or {@code jdk} (OpenTelemetry's exporter and its JDK sender, on the JDK's
     * java.net.http client, for every endpoint).
     *
     * @return whether OpenTelemetry's exporter and JDK sender send to every endpoint
     */
    static boolean jdkSender(Map<String, String> env) {
        String name = env.getOrDefault("OTLP_SENDER", "auto");
        return switch (name) {
            case "auto" -> false;
            case "jdk" -> true;
            default -> throw new IllegalArgumentException("OTLP_SENDER must be auto or jdk, not " + name);
        };
    }

    /** OTEL_TRACES_SAMPLER: parentbased_always_on (Lambda's sampling decision, the default) or always_on. */
    static Sampler sampler(Map<String, String> env) {
        String name = env.getOrDefault("OTEL_TRACES_SAMPLER", "parentbased_always_on");
        return switch (name) {
            case "parentbased_always_on" -> Sampler.parentBased(Sampler.alwaysOn());
            case "always_on" -> Sampler.alwaysOn();
            default -> throw new IllegalArgumentException("OTEL_TRACES_SAMPLER must be parentbased_always_on or always_on, not "
                    + name);
        };
    }

    /** Semantic-convention resource attributes of a Lambda function (cloud.*, faas.*, service.name). */
    static Resource resource(Map<String, String> env) {
        String function = env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "local");
        var attributes = Attributes.builder()
                .put("service.name", env.getOrDefault("OTEL_SERVICE_NAME", function))
                .put("telemetry.sdk.language", "java")
                .put("telemetry.sdk.name", "opentelemetry")
                .put("cloud.provider", "aws")
                .put("cloud.platform", "aws_lambda")
                .put("faas.name", function);
        put(attributes, "cloud.region", env.get("AWS_REGION"));
        put(attributes, "faas.version", env.get("AWS_LAMBDA_FUNCTION_VERSION"));
        put(attributes, "faas.instance", env.get("AWS_LAMBDA_LOG_STREAM_NAME"));
        String memory = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
        if (memory != null) {
            attributes.put("faas.max_memory", Long.parseLong(memory) * 1024 * 1024);
        }
        return Resource.create(attributes.build());
    }

    private static void put(AttributesBuilder attributes, String key, String value) {
        if (value != null && !value.isEmpty()) {
            attributes.put(key, value);
        }
    }

    /**
     * Starts the invocation's server span. Its parent is Lambda's trace header for this invocation (the
     * com.amazonaws.xray.traceHeader system property the runtime sets, else _X_AMZN_TRACE_ID).
     */
    Span startInvocation(String name, String invocationId, String functionArn, boolean coldStart) {
        Context parent = XrayHeader.lambdaParent();
        var span = tracer.spanBuilder(name)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("faas.trigger", "http")
                .setAttribute("faas.invocation_id", invocationId)
                .setAttribute("faas.coldstart", coldStart);
        if (functionArn != null) {
            span.setAttribute("cloud.resource_id", functionArn);
            String[] arn = functionArn.split(":");
            if (arn.length > 4) {
                span.setAttribute("cloud.account.id", arn[4]);
            }
        }
        return span.startSpan();
    }

    /** A child span for work inside the invocation, such as a call to another service. */
    Span startChild(Span parent, String name, SpanKind kind) {
        return tracer.spanBuilder(name).setParent(Context.root().with(parent)).setSpanKind(kind).startSpan();
    }

    /** The headers an outgoing call made inside {@code span} carries: X-Amzn-Trace-Id, traceparent and B3. */
    static Map<String, String> outgoingHeaders(Span span) {
        Map<String, String> headers = new LinkedHashMap<>();
        OUTGOING.inject(Context.root().with(span), headers, (carrier, key, value) -> carrier.put(key, value));
        return headers;
    }

    /**
     * Sends the spans that ended since the last flush to the collector, waiting at most the flush bound. Never throws:
     * on a failure or a timeout it logs one warning (and no more until an export succeeds again) and returns false.
     */
    boolean flush() {
        CompletableResultCode flushed = pending.export();
        flushed.join(flushMillis, TimeUnit.MILLISECONDS);
        int dropped = pending.takeDropped();
        if (dropped > 0) {
            log.warn("Spans dropped: an invocation keeps at most " + Pending.MAX_SPANS, Map.of("dropped", dropped));
        }
        boolean ok = flushed.isSuccess();
        if (ok) {
            failing = false;
        } else if (!failing) {
            failing = true;
            Throwable failure = flushed.getFailureThrowable();
            String reason = !flushed.isDone() ? "no answer within " + flushMillis + " ms"
                    : failure != null ? String.valueOf(failure.getMessage()) : "the collector refused the spans";
            log.warn("Spans not delivered to the collector; answering anyway (warned once until it recovers)",
                    Map.of("reason", reason));
        }
        return ok;
    }

    /** After a SnapStart restore: restored copies must not draw the same ids. */
    void reseedIds(long seed) {
        ids.reseed(seed);
    }

    /** Shuts the exporter down; for tests. */
    void shutdown() {
        provider.shutdown().join(flushMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Keeps the sampled spans of the invocation as they end (at most {@value #MAX_SPANS}), and exports them when the
     * handler flushes: no batch processor, so no worker thread started at init and no queue. Each export runs on a
     * thread of its own, so that the flush can stop waiting at its bound whatever the exporter does.
     */
    static final class Pending implements SpanProcessor {

        static final int MAX_SPANS = 512;

        private final SpanExporter exporter;
        private final List<SpanData> spans = new ArrayList<>();
        private int dropped;

        Pending(SpanExporter exporter) {
            this.exporter = exporter;
        }

        @Override
        public void onStart(Context parent, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            if (span.getSpanContext().isSampled()) {
                synchronized (spans) {
                    if (spans.size() < MAX_SPANS) {
                        spans.add(span.toSpanData());
                    } else {
                        dropped++;
                    }
                }
            }
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }

        /** The spans kept so far, handed to the exporter on a thread of its own; done at once when there are none. */
        CompletableResultCode export() {
            List<SpanData> batch;
            synchronized (spans) {
                batch = List.copyOf(spans);
                spans.clear();
            }
            if (batch.isEmpty()) {
                return CompletableResultCode.ofSuccess();
            }
            Sending sending = new Sending(exporter, batch);
            sending.start();
            return sending.result;
        }

        /** How many spans were dropped since the last call, over {@value #MAX_SPANS} an invocation. */
        int takeDropped() {
            synchronized (spans) {
                int count = dropped;
                dropped = 0;
                return count;
            }
        }

        @Override
        public CompletableResultCode forceFlush() {
            return export();
        }

        @Override
        public CompletableResultCode shutdown() {
            return exporter.shutdown();
        }
    }

    /**
     * One export on a thread of its own, which waits for it to end (the exporter's own timeout, the flush bound,
     * ends it) and then completes {@link #result}. A class rather than lambdas: nothing to bind on the first flush.
     */
    private static final class Sending extends Thread {

        final CompletableResultCode result = new CompletableResultCode();
        private final SpanExporter exporter;
        private final List<SpanData> batch;

        Sending(SpanExporter exporter, List<SpanData> batch) {
            super("otlp-export");
            setDaemon(true);
            this.exporter = exporter;
            this.batch = batch;
        }

        @Override
        public void run() {
            try {
                CompletableResultCode sent = exporter.export(batch).join(1, TimeUnit.DAYS);
                if (sent.isSuccess()) {
                    result.succeed();
                } else if (sent.getFailureThrowable() != null) {
                    result.failExceptionally(sent.getFailureThrowable());
                } else {
                    result.fail(); // the flush's warning says the collector refused them
                }
            } catch (RuntimeException e) {
                result.failExceptionally(e);
            }
        }
    }
}
