package ${package};

import com.amazonaws.services.lambda.runtime.Context;
import dev.brisk.lambda.SnapStart;
import dev.brisk.lambda.StreamHandler;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point for API Gateway HTTP API (payload format 2.0) events: warm-up first, then routing inside a span whose
 * parent is Lambda's trace header, one JSON log line and one EMF metric line per request, and the spans flushed
 * (bounded) before the response is returned.
 */
public final class ApiHandler extends StreamHandler {

    private final Router router;
    private final int maxBodyBytes;
    private final Telemetry telemetry;
    private final Log log;
    private final Metrics metrics;
    private boolean coldStart = true;

    public ApiHandler() {
        this(Api.router(), Integer.parseInt(System.getenv().getOrDefault("MAX_BODY_BYTES", "65536")),
                Environment.LOG, Telemetry.fromEnvironment(System.getenv(), Environment.LOG),
                Metrics.stdout(System.getenv()));
        if (SnapStart.isSnapshotting()) {
            // Only for a snapshot: an on-demand start never loads the priming or CRaC
            SnapStart.register(new SnapStartPriming(this));
        }
    }

    /** Tests: no collector, lines on standard output. */
    ApiHandler(Router router, int maxBodyBytes) {
        this(router, maxBodyBytes, Environment.LOG, Quiet.NO_COLLECTOR, Metrics.stdout(Map.of()));
    }

    ApiHandler(Router router, int maxBodyBytes, Log log, Telemetry telemetry, Metrics metrics) {
        if (maxBodyBytes < 1) {
            // A misconfigured MAX_BODY_BYTES fails the init, named, rather than every request
            throw new IllegalArgumentException("MAX_BODY_BYTES must be at least 1, not " + maxBodyBytes);
        }
        this.router = router;
        this.maxBodyBytes = maxBodyBytes;
        this.log = log;
        this.telemetry = telemetry;
        this.metrics = metrics;
    }

    @Override
    protected void handleEvent(byte[] event, OutputStream output, Context context) throws IOException {
        long started = System.nanoTime();
        boolean cold = coldStart;
        coldStart = false;
        String lambdaRequestId = context == null ? "-" : context.getAwsRequestId();
        Span span = telemetry.startInvocation("HTTP", lambdaRequestId,
                context == null ? null : context.getInvokedFunctionArn(), cold);
        SpanContext ids = span.getSpanContext();
        log.within(new Log.Request(lambdaRequestId, ids.getTraceId(), ids.getSpanId(), cold));
        try {
            Outcome outcome = handle(event, lambdaRequestId);
            record(outcome, span, cold, lambdaRequestId, (System.nanoTime() - started) / 1e6);
            telemetry.flush(); // before the response: the environment may freeze right after it
            output.write(Json.bytes(outcome.response().toEvent()));
        } finally {
            log.within(null);
        }
    }

    /** Never throws: every failure becomes a JSON error response, and an unexpected one keeps its exception. */
    Outcome handle(byte[] event, String lambdaRequestId) {
        String requestId = lambdaRequestId;
        HttpRequest request = null;
        try {
            Map<String, Object> parsed = Json.object(new String(event, StandardCharsets.UTF_8), "event");
            requestId = HttpRequest.requestId(parsed, lambdaRequestId);
            request = HttpRequest.from(parsed, requestId, maxBodyBytes);
            return new Outcome(request, router.route(request), null);
        } catch (HttpError e) {
            return new Outcome(request, HttpResponse.error(e, requestId), null);
        } catch (RuntimeException | StackOverflowError e) {
            return new Outcome(request, HttpResponse.error(HttpError.internal(), requestId), e);
        }
    }

    /** A request's result: the request (null when the event was not one), the response, an unexpected failure. */
    record Outcome(HttpRequest request, HttpResponse response, Throwable failure) {

        /** "GET /hello" for a route this API has; "unmatched" otherwise, so that metrics never get a dimension per URL. */
        String route() {
            int status = response.status();
            return request == null || status == 404 || status == 405 ? "unmatched" : request.method() + " " + request.path();
        }
    }

    private void record(Outcome outcome, Span span, boolean cold, String lambdaRequestId, double millis) {
        int status = outcome.response().status();
        String route = outcome.route();
        HttpRequest request = outcome.request();
        span.updateName("unmatched".equals(route) ? "HTTP" : route);
        span.setAttribute("http.response.status_code", status);
        Map<String, Object> fields = new LinkedHashMap<>();
        if (request != null) {
            span.setAttribute("http.request.method", request.method());
            span.setAttribute("url.path", request.path());
            span.setAttribute("url.scheme", "https");
            if (!"unmatched".equals(route)) {
                span.setAttribute("http.route", request.path());
            }
            String userAgent = request.header("user-agent");
            if (userAgent != null) {
                span.setAttribute("user_agent.original", userAgent);
            }
            fields.put("method", request.method());
            fields.put("path", request.path());
            fields.put("apiRequestId", request.requestId());
        }
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR);
            span.setAttribute("error.type", outcome.failure() != null ? outcome.failure().getClass().getName()
                    : String.valueOf(status));
        }
        if (outcome.failure() != null) {
            span.recordException(outcome.failure());
            // Logged for the operator, never echoed to the client
            log.error("Unhandled error", outcome.failure());
        }
        span.end();
        fields.put("route", route);
        fields.put("status", status);
        fields.put("durationMs", Math.round(millis * 100) / 100.0);
        log.info("Request handled", fields);
        metrics.request(route, status, millis, cold, lambdaRequestId, span.getSpanContext().getTraceId());
    }

    Telemetry telemetry() {
        return telemetry;
    }

    /** A copy of this handler for SnapStart priming: the same code path, its spans and lines discarded. */
    ApiHandler forPriming() {
        return new ApiHandler(router, maxBodyBytes, Quiet.DISCARD_LOG, Quiet.discardingTelemetry(),
                new Metrics("priming", "priming", Quiet.NOWHERE));
    }

    /** The log the constructors share, built once per JVM. */
    private static final class Environment {
        static final Log LOG = Log.stdout(System.getenv());
    }

    /** For tests and priming only: an on-demand start never loads this class (nor starts its processor's thread). */
    private static final class Quiet {
        static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());
        static final Log DISCARD_LOG = new Log(NOWHERE, Log.Level.TRACE);
        static final Telemetry NO_COLLECTOR = discardingTelemetry();

        static Telemetry discardingTelemetry() {
            return new Telemetry(SpanExporter.composite(), Resource.empty(), Sampler.alwaysOn(),
                    Telemetry.DEFAULT_FLUSH_MILLIS, DISCARD_LOG);
        }
    }
}
