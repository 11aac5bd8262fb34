package ${package};

import dev.brisk.lambda.metrics.MetricLine;
import dev.brisk.lambda.metrics.Unit;
import java.io.PrintStream;
import java.util.Map;

/**
 * One CloudWatch embedded metric format line per request on standard output: latency, errors, client errors and cold
 * start, by service and route, and by service alone (what the alarms in serverless.yml read). No SDK, no network.
 */
final class Metrics {

    private final String namespace;
    private final String service;
    private final PrintStream out;

    Metrics(String namespace, String service, PrintStream out) {
        this.namespace = namespace;
        this.service = service;
        this.out = out;
    }

    /** METRICS_NAMESPACE (serverless.yml sets it) and the function's name as the Service dimension. */
    static Metrics stdout(Map<String, String> env) {
        String service = env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "local");
        return new Metrics(env.getOrDefault("METRICS_NAMESPACE", service), service, System.out);
    }

    /** {@code route}: "GET /hello", or "unmatched"; never the raw path, which would make a dimension per URL. */
    void request(String route, int status, double latencyMillis, boolean coldStart, String requestId, String traceId) {
        MetricLine.namespace(namespace)
                .dimension("Service", service)
                .dimension("Route", route)
                .aggregateAlsoBy("Service")
                .metric("Latency", latencyMillis, Unit.MILLISECONDS)
                .count("Errors", status >= 500 ? 1 : 0)
                .count("ClientErrors", status >= 400 && status < 500 ? 1 : 0)
                .count("ColdStart", coldStart ? 1 : 0)
                .property("statusCode", status)
                .property("requestId", requestId)
                .property("traceId", XrayIds.xrayForm(traceId))
                .print(out);
    }
}
