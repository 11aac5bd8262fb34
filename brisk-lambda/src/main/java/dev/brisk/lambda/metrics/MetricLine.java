package dev.brisk.lambda.metrics;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CloudWatch embedded metric format (EMF) line: a JSON object whose {@code _aws.CloudWatchMetrics} directive tells
 * CloudWatch Logs which of its members are metrics and which are dimensions. Printed on standard output, Lambda ships
 * it to the function's log group and CloudWatch extracts the metrics: no SDK, no API call, no extra latency.
 *
 * <pre>{@code
 * MetricLine.namespace("Orders")
 *         .dimension("Service", "orders-api").dimension("Path", "/items")
 *         .aggregateAlsoBy("Service")                     // a second dimension set: all paths together
 *         .metric("Latency", 42.5, Unit.MILLISECONDS)
 *         .property("requestId", context.getAwsRequestId())
 *         .print();
 * }</pre>
 *
 * Limits of the format are checked when a line is built
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * at most 100 metrics and 30 dimensions, names that are not empty and not reserved, finite values, and every member
 * named once. A line is built by one thread; {@link #print()} writes it with one call, so lines from several threads
 * never interleave. Nothing here is loaded until a function builds its first line.
 */
public final class MetricLine {

    /** The format's limits. */
    static final int MAX_METRICS = 100;
    static final int MAX_DIMENSIONS = 30;
    static final int MAX_NAMESPACE = 255;
    static final int MAX_NAME = 255;
    static final int MAX_DIMENSION_VALUE = 1024;

    private final String namespace;
    private final Map<String, String> dimensions = new LinkedHashMap<>();
    private final List<List<String>> extraDimensionSets = new ArrayList<>();
    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private Long timestamp;

    private MetricLine(String namespace) {
        this.namespace = namespace;
    }

    /** A line whose metrics go to this CloudWatch namespace (1 to 255 characters, no leading "AWS/"). */
    public static MetricLine namespace(String namespace) {
        if (namespace == null || namespace.isBlank() || namespace.length() > MAX_NAMESPACE) {
            throw new IllegalArgumentException("namespace must have 1 to " + MAX_NAMESPACE + " characters: "
                    + namespace);
        }
        if (namespace.startsWith("AWS/")) {
            throw new IllegalArgumentException("namespace " + namespace + " is reserved for AWS services");
        }
        return new MetricLine(namespace);
    }

    /** Adds a dimension to the line's dimension set: every metric of the line is recorded under it. */
    public MetricLine dimension(String name, String value) {
        checkName("dimension", name);
        if (value == null || value.isEmpty() || value.length() > MAX_DIMENSION_VALUE) {
            throw new IllegalArgumentException("dimension " + name + " needs a value of 1 to " + MAX_DIMENSION_VALUE
                    + " characters");
        }
        if (dimensions.size() == MAX_DIMENSIONS) {
            throw new IllegalArgumentException("a line has at most " + MAX_DIMENSIONS + " dimensions");
        }
        unique(name);
        dimensions.put(name, value);
        return this;
    }

    /**
     * Records the metrics under one more dimension set, made of dimensions already added (none: the metrics across
     * every value of the line's dimensions). An alarm on the whole service reads this set, a dashboard per path the
     * full one.
     */
    public MetricLine aggregateAlsoBy(String... dimensionNames) {
        List<String> set = List.of(dimensionNames);
        for (String name : set) {
            if (!dimensions.containsKey(name)) {
                throw new IllegalArgumentException("aggregateAlsoBy names " + name
                        + ", which is not a dimension of this line");
            }
        }
        extraDimensionSets.add(set);
        return this;
    }

    /** Adds a metric value; a name used twice is an error (CloudWatch would read only one of them). */
    public MetricLine metric(String name, double value, Unit unit) {
        checkName("metric", name);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric " + name + " is not a finite number: " + value);
        }
        if (unit == null) {
            throw new IllegalArgumentException("metric " + name + " needs a unit (Unit.NONE for none)");
        }
        if (metrics.size() == MAX_METRICS) {
            throw new IllegalArgumentException("a line has at most " + MAX_METRICS + " metrics");
        }
        unique(name);
        metrics.put(name, new Metric(value, unit));
        return this;
    }

    /** A count: {@code metric(name, count, Unit.COUNT)}. */
    public MetricLine count(String name, long count) {
        return metric(name, count, Unit.COUNT);
    }

    /** A member that is searchable in Logs Insights but no metric (a request id, a status code). */
    public MetricLine property(String name, String value) {
        return putProperty(name, value);
    }

    /** A numeric property, written as a JSON number. */
    public MetricLine property(String name, long value) {
        return putProperty(name, value);
    }

    /** A boolean property, written as a JSON boolean. */
    public MetricLine property(String name, boolean value) {
        return putProperty(name, value);
    }

    /** The time the metrics belong to (milliseconds since the epoch); the time of {@link #toJson()} otherwise. */
    public MetricLine timestamp(long epochMillis) {
        if (epochMillis < 0) {
            throw new IllegalArgumentException("timestamp before the epoch: " + epochMillis);
        }
        this.timestamp = epochMillis;
        return this;
    }

    /** The line as one JSON object with no line break. */
    public String toJson() {
        if (metrics.isEmpty()) {
            throw new IllegalStateException("a metric line needs at least one metric");
        }
        StringBuilder json = new StringBuilder(256);
        json.append("{\"_aws\":{\"Timestamp\":").append(timestamp != null ? timestamp : System.currentTimeMillis())
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":");
        string(json, namespace);
        json.append(",\"Dimensions\":[");
        dimensionSet(json, List.copyOf(dimensions.keySet()));
        for (List<String> set : extraDimensionSets) {
            json.append(',');
            dimensionSet(json, set);
        }
        json.append("],\"Metrics\":[");
        boolean first = true;
        for (Map.Entry<String, Metric> metric : metrics.entrySet()) {
            json.append(first ? "{\"Name\":" : ",{\"Name\":");
            string(json, metric.getKey());
            json.append(",\"Unit\":");
            string(json, metric.getValue().unit().cloudWatchName());
            json.append('}');
            first = false;
        }
        json.append("]}]}");
        for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
            member(json, dimension.getKey());
            string(json, dimension.getValue());
        }
        for (Map.Entry<String, Metric> metric : metrics.entrySet()) {
            member(json, metric.getKey());
            number(json, metric.getValue().value());
        }
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            member(json, property.getKey());
            Object value = property.getValue();
            if (value instanceof String text) {
                string(json, text);
            } else {
                json.append(value);
            }
        }
        return json.append('}').toString();
    }

    /** Writes the line to standard output, where Lambda's log stream picks it up. */
    public void print() {
        print(System.out);
    }

    /** Writes the line and a line break in one call. */
    public void print(PrintStream out) {
        out.println(toJson());
    }

    @Override
    public String toString() {
        return toJson();
    }

    private MetricLine putProperty(String name, Object value) {
        checkName("property", name);
        if (value == null) {
            throw new IllegalArgumentException("property " + name + " has no value");
        }
        unique(name);
        properties.put(name, value);
        return this;
    }

    private static void checkName(String what, String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException(what + " names have 1 to " + MAX_NAME + " characters: " + name);
        }
        if ("_aws".equals(name)) {
            throw new IllegalArgumentException("_aws is the format's own member");
        }
    }

    private void unique(String name) {
        if (dimensions.containsKey(name) || metrics.containsKey(name) || properties.containsKey(name)) {
            throw new IllegalArgumentException(name + " is already a member of this line");
        }
    }

    private static void dimensionSet(StringBuilder json, List<String> names) {
        json.append('[');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            string(json, names.get(i));
        }
        json.append(']');
    }

    private static void member(StringBuilder json, String name) {
        json.append(',');
        string(json, name);
        json.append(':');
    }

    /** Whole numbers without a fraction (a count reads 3, not 3.0). */
    private static void number(StringBuilder json, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            json.append((long) value);
        } else {
            json.append(value);
        }
    }

    /** A JSON string: quotes, backslashes and control characters escaped (RFC 8259). */
    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    private record Metric(double value, Unit unit) {
    }
}
