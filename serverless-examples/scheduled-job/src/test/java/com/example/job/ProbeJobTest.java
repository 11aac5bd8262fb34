package com.example.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.lambda.test.TestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** The default job against an HTTP API on loopback: slow, failing, refusing and redirecting endpoints. */
class ProbeJobTest {

    @Test
    void tenTimesMoreItemsThanSlotsNeverPutMoreThanMaxConcurrencyInFlight() {
        int concurrency = 5;
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 10 * concurrency; i++) {
            paths.add("/ok/" + i);
        }
        try (LocalApi api = LocalApi.answeringIn(30)) {
            Runs runs = new Runs();
            JSONObject response = runs.run(Runs.input(api.baseUrl(), paths, concurrency));

            assertEquals(50, Runs.summary(response).get("done"), response.toString());
            assertEquals(50, api.requested().size());
            assertEquals(1, runs.logLines().size(), "one summary line");
            assertEquals(Runs.summary(response), runs.logLines().get(0).getJSONObject("summary").toMap());
            assertTrue(api.maxInFlight() <= concurrency, "server saw " + api.maxInFlight() + " requests at once");
            assertEquals(concurrency, api.maxInFlight(), "the slots were used");
        }
    }

    @Test
    void eachEndpointsFailureIsReportedAndTheOthersStillRun() {
        String refusing = LocalApi.refusingUrl();
        try (LocalApi elsewhere = LocalApi.answeringIn(0);
             LocalApi api = LocalApi.redirectingTo(elsewhere.baseUrl() + "/ok/stolen")) {
            Runs runs = new Runs(Duration.ofMillis(500), Duration.ofMillis(200));

            JSONObject response = runs.run(Runs.input(api.baseUrl(), List.of("/ok/1", "/slow", "/fail", "/redirect", "/missing"), 5));
            JSONObject refused = runs.run(Runs.input(refusing, List.of("/ok/1"), 1));

            assertEquals(List.of("done", "timed_out", "failed", "failed", "failed"), Runs.outcomes(response), response.toString());
            assertEquals(200, Runs.item(response, 0).getInt("status"));
            assertEquals(500, Runs.item(response, 2).getInt("status"));
            assertEquals(302, Runs.item(response, 3).getInt("status"), "a redirect is reported, not followed");
            assertEquals(404, Runs.item(response, 4).getInt("status"));
            assertEquals(List.of(), elsewhere.requested(), "the redirect's host was never called");
            assertEquals(Map.of("total", 5, "done", 1, "failed", 3, "timedOut", 1, "cancelled", 0, "notStarted", 0),
                    Runs.summary(response));
            assertEquals("failed", Runs.item(refused, 0).getString("outcome"));
            assertEquals("ConnectException", Runs.item(refused, 0).getString("error"));
        }
    }

    @Test
    void returnsBeforeTheDeadlineAndReportsWhatDidNotFinish() {
        try (LocalApi api = LocalApi.answeringIn(0)) {
            TestContext context = new TestContext(1_500);
            Runs runs = new Runs(Duration.ofSeconds(20), Duration.ofMillis(500));

            JSONObject response = runs.run(Runs.input(api.baseUrl(), List.of("/ok/1", "/slow", "/slow", "/slow"), 2), context);

            int left = context.getRemainingTimeInMillis();
            assertTrue(left >= 250, "answered with " + left + " ms left");
            assertEquals(Map.of("total", 4, "done", 1, "failed", 0, "timedOut", 0, "cancelled", 2, "notStarted", 1),
                    Runs.summary(response), response.toString());
        }
    }

    @Test
    void writesOneEmfLinePerPathWithLatencyAndSuccessOrFailure() {
        try (LocalApi api = LocalApi.answeringIn(0)) {
            Runs runs = new Runs();

            runs.run(Runs.input(api.baseUrl(), List.of("/ok/a", "/fail"), 2));

            List<JSONObject> lines = runs.metricLines();
            assertEquals(2, lines.size());
            for (JSONObject line : lines) {
                JSONObject directive = line.getJSONObject("_aws").getJSONArray("CloudWatchMetrics").getJSONObject(0);
                assertTrue(line.getJSONObject("_aws").get("Timestamp") instanceof Number);
                assertEquals("test-namespace", directive.getString("Namespace"));
                assertEquals(List.of(List.of("Stage", "Path"), List.of("Stage")), directive.getJSONArray("Dimensions").toList());
                for (Object m : directive.getJSONArray("Metrics")) {
                    JSONObject metric = (JSONObject) m;
                    assertTrue(line.get(metric.getString("Name")) instanceof Number, "metric " + metric);
                    assertEquals(metric.getString("Name").equals("Latency") ? "Milliseconds" : "Count", metric.getString("Unit"));
                }
                assertEquals("test", line.getString("Stage"));
                assertTrue(line.getDouble("Latency") >= 0);
            }
            JSONObject ok = lines.get(0);
            JSONObject failed = lines.get(1);
            assertEquals("/ok/a", ok.getString("Path"));
            assertEquals(1, ok.getInt("Success"));
            assertEquals(0, ok.getInt("Failure"));
            assertEquals(200, ok.getInt("status"));
            assertEquals("/fail", failed.getString("Path"));
            assertEquals(0, failed.getInt("Success"));
            assertEquals(1, failed.getInt("Failure"));
            assertEquals(500, failed.getInt("status"));
        }
    }

    @Test
    void aProbeWithNoAnswerHasAFailureButNoLatency() {
        Runs runs = new Runs();

        runs.run(Runs.input(LocalApi.refusingUrl(), List.of("/ok"), 1));

        JSONObject line = runs.metricLines().get(0);
        assertEquals(1, line.getInt("Failure"));
        assertFalse(line.has("Latency"), "no answer, no latency: " + line);
    }

    @Test
    void pathsAreProbedUnderTheBasePathWithTheirQuery() {
        try (LocalApi api = LocalApi.answeringIn(0)) {
            JSONObject response = new Runs().run(Runs.input(api.baseUrl() + "/ok/", List.of("/v1/health?deep=true"), 1));

            assertEquals("done", Runs.item(response, 0).getString("outcome"));
            assertEquals(List.of("/ok/v1/health?deep=true"), api.requested());
        }
    }
}
