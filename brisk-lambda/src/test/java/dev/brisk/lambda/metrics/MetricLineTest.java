package dev.brisk.lambda.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class MetricLineTest {

    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
            "None");

    @Test
    void aLineHasTheStructureOfTheEmbeddedMetricFormat() {
        String line = MetricLine.namespace("Brisk/Probe")
                .dimension("Service", "orders").dimension("Path", "/health")
                .aggregateAlsoBy("Service")
                .metric("Latency", 42.5, Unit.MILLISECONDS)
                .count("Success", 1)
                .property("status", 200)
                .property("requestId", "req-1")
                .timestamp(1_700_000_000_000L)
                .toJson();

        JSONObject json = assertEmf(line);
        JSONObject directive = json.getJSONObject("_aws").getJSONArray("CloudWatchMetrics").getJSONObject(0);
        assertEquals(1_700_000_000_000L, json.getJSONObject("_aws").getLong("Timestamp"));
        assertEquals("Brisk/Probe", directive.getString("Namespace"));
        assertEquals(List.of(List.of("Service", "Path"), List.of("Service")), directive.getJSONArray("Dimensions").toList());
        assertEquals("Milliseconds", directive.getJSONArray("Metrics").getJSONObject(0).getString("Unit"));
        assertEquals("Count", directive.getJSONArray("Metrics").getJSONObject(1).getString("Unit"));
        assertEquals(42.5, json.getDouble("Latency"));
        assertEquals("1", json.get("Success").toString(), "a count is written as a whole number");
        assertEquals("/health", json.getString("Path"));
        assertEquals(200, json.getInt("status"));
        assertEquals("req-1", json.getString("requestId"));
    }

    @Test
    void aLineWithoutDimensionsRecordsItsMetricsUnderAnEmptySet() {
        JSONObject json = assertEmf(MetricLine.namespace("N").count("Runs", 3).toJson());

        assertEquals(List.of(List.of()), json.getJSONObject("_aws").getJSONArray("CloudWatchMetrics").getJSONObject(0)
                .getJSONArray("Dimensions").toList());
    }

    @Test
    void theTimestampDefaultsToNow() {
        long before = System.currentTimeMillis();
        JSONObject json = assertEmf(MetricLine.namespace("N").count("Runs", 1).toJson());

        long stamped = json.getJSONObject("_aws").getLong("Timestamp");
        assertTrue(stamped >= before && stamped <= System.currentTimeMillis(), "timestamp " + stamped);
    }

    @Test
    void valuesThatNeedEscapingStayOnOneLineAndRoundTrip() {
        String nasty = "a \"quoted\" \\ path\nwith\ta line break \u0001 and \u2028";

        String line = MetricLine.namespace("N").dimension("Path", nasty).count("Failure", 1).property("error", nasty).toJson();

        assertFalse(line.contains("\n") || line.contains("\r") || line.contains("\u2028"), line);
        JSONObject json = assertEmf(line);
        assertEquals(nasty, json.getString("Path"));
        assertEquals(nasty, json.getString("error"));
    }

    @Test
    void printWritesExactlyOneLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        MetricLine.namespace("N").count("Runs", 1).print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.endsWith(System.lineSeparator()));
        assertEquals(1, out.lines().count());
        assertEmf(out.strip());
    }

    @Test
    void linesPrintedFromManyThreadsNeverInterleave() throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String path = "/p" + t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    MetricLine.namespace("N").dimension("Path", path).metric("Latency", i, Unit.MILLISECONDS).print(out);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1600, lines.size());
        lines.forEach(MetricLineTest::assertEmf);
    }

    @Test
    void theFormatsLimitsAreRefusedWhenTheLineIsBuilt() {
        assertRefused(() -> MetricLine.namespace(""));
        assertRefused(() -> MetricLine.namespace(null));
        assertRefused(() -> MetricLine.namespace("x".repeat(256)));
        assertRefused(() -> MetricLine.namespace("AWS/Lambda"));
        assertRefused(() -> line().metric("Latency", Double.NaN, Unit.MILLISECONDS));
        assertRefused(() -> line().metric("Latency", Double.POSITIVE_INFINITY, Unit.MILLISECONDS));
        assertRefused(() -> line().metric("Latency", 1, null));
        assertRefused(() -> line().metric("", 1, Unit.COUNT));
        assertRefused(() -> line().metric("_aws", 1, Unit.COUNT));
        assertRefused(() -> line().count("Runs", 1).count("Runs", 2));
        assertRefused(() -> line().dimension("Path", "/a").property("Path", "/b"));
        assertRefused(() -> line().dimension("Path", ""));
        assertRefused(() -> line().dimension("Path", "x".repeat(1025)));
        assertRefused(() -> line().dimension("Path", "/a").aggregateAlsoBy("Service"));
        assertRefused(() -> line().timestamp(-1));
        assertRefused(() -> {
            MetricLine line = line();
            for (int i = 0; i <= MetricLine.MAX_METRICS; i++) {
                line.count("m" + i, i);
            }
        });
        assertRefused(() -> {
            MetricLine line = line();
            for (int i = 0; i <= MetricLine.MAX_DIMENSIONS; i++) {
                line.dimension("d" + i, "v");
            }
        });
        assertThrows(IllegalStateException.class, () -> line().dimension("Path", "/a").toJson(), "no metric");
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        MetricLine line = line();
        for (int i = 0; i < MetricLine.MAX_METRICS; i++) {
            line.count("m" + i, i);
        }
        for (int i = 0; i < MetricLine.MAX_DIMENSIONS; i++) {
            line.dimension("d" + i, "v");
        }
        JSONObject json = assertEmf(line.toJson());
        assertEquals(100, json.getJSONObject("_aws").getJSONArray("CloudWatchMetrics").getJSONObject(0)
                .getJSONArray("Metrics").length());
    }

    private static MetricLine line() {
        return MetricLine.namespace("N");
    }

    private static void assertRefused(Executable build) {
        assertThrows(IllegalArgumentException.class, build);
    }

    /**
     * The specification's structure: a root object with _aws.Timestamp (a number) and one CloudWatchMetrics directive
     * (Namespace, Dimensions as arrays of at most 30 keys, Metrics with Name and a known Unit); every dimension key a
     * string member of the root, every metric a number member.
     */
    static JSONObject assertEmf(String line) {
        JSONObject json = new JSONObject(line);
        JSONObject aws = json.getJSONObject("_aws");
        assertTrue(aws.get("Timestamp") instanceof Number, "Timestamp is a number");
        JSONArray directives = aws.getJSONArray("CloudWatchMetrics");
        assertEquals(1, directives.length());
        JSONObject directive = directives.getJSONObject(0);
        assertFalse(directive.getString("Namespace").isEmpty());
        for (Object set : directive.getJSONArray("Dimensions")) {
            JSONArray keys = (JSONArray) set;
            assertTrue(keys.length() <= 30);
            for (Object key : keys) {
                assertTrue(json.get((String) key) instanceof String, "dimension " + key + " is a string member");
            }
        }
        JSONArray metrics = directive.getJSONArray("Metrics");
        assertTrue(metrics.length() >= 1 && metrics.length() <= 100);
        for (Object m : metrics) {
            JSONObject metric = (JSONObject) m;
            assertTrue(UNITS.contains(metric.getString("Unit")), "unit " + metric.getString("Unit"));
            assertTrue(json.get(metric.getString("Name")) instanceof Number, "metric " + metric + " is a number member");
        }
        return json;
    }
}
