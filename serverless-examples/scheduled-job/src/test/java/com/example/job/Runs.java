package com.example.job;

import dev.brisk.lambda.test.TestContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;

/** Test helper: a handler wired for tests, its response and the metric and log lines it printed. */
final class Runs {

    static final int MAX_CONCURRENCY = 8;
    static final int MAX_PATHS = 200;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final JobHandler handler;

    Runs(Duration itemTimeout, Duration safetyMargin) {
        handler = new JobHandler(new JobInput.Limits(MAX_CONCURRENCY, MAX_PATHS), new ProbeJob(itemTimeout, safetyMargin,
                "test-namespace", "test", new PrintStream(output, true, StandardCharsets.UTF_8)));
    }

    Runs() {
        this(Duration.ofSeconds(5), Duration.ofMillis(500));
    }

    JSONObject run(String input) {
        return run(input, new TestContext());
    }

    JSONObject run(String input, TestContext context) {
        return new JSONObject(handler.handle(input.getBytes(StandardCharsets.UTF_8), context::getRemainingTimeInMillis));
    }

    /** Every line written, each a JSON object. */
    List<JSONObject> lines() {
        return output.toString(StandardCharsets.UTF_8).lines().map(JSONObject::new).toList();
    }

    List<JSONObject> metricLines() {
        return lines().stream().filter(line -> line.has("_aws")).toList();
    }

    List<JSONObject> logLines() {
        return lines().stream().filter(line -> !line.has("_aws")).toList();
    }

    static String input(String baseUrl, List<String> paths, int concurrency) {
        return new JSONObject(Map.of("baseUrl", baseUrl, "paths", paths, "concurrency", concurrency)).toString();
    }

    static Map<String, Object> summary(JSONObject response) {
        return response.getJSONObject("summary").toMap();
    }

    /** The outcome of each path, in order. */
    static List<String> outcomes(JSONObject response) {
        return response.getJSONArray("items").toList().stream().map(i -> (String) ((Map<?, ?>) i).get("outcome")).toList();
    }

    static JSONObject item(JSONObject response, int index) {
        return response.getJSONArray("items").getJSONObject(index);
    }
}
