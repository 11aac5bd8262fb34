package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.runtime.Invocation;
import dev.brisk.runtime.LocalLambda;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged jar, as serverless.yml deploys it, under the real AWS Lambda Runtime Interface Client. */
class JobHandlerIT {

    private static final List<String> output = new CopyOnWriteArrayList<>();
    private static LocalApi api;
    private static LocalLambda lambda;
    private static Invocation first;

    @BeforeAll
    static void coldStart() {
        api = LocalApi.answeringIn(20);
        lambda = LocalLambda.fromServerlessYml(Path.of("serverless.yml")).output(line -> {
            output.add(line);
            System.out.println(line);
        }).build();
        first = lambda.invoke(Runs.input(api.baseUrl(), List.of("/ok/1", "/ok/2", "/fail", "/ok/3"), 2));
    }

    @AfterAll
    static void stop() {
        lambda.close();
        api.close();
    }

    @Test
    void probesEveryPathOnAColdStartAndReportsTheRun() {
        assertFalse(first.isError(), first.errorMessage());
        JSONObject response = new JSONObject(first.response());
        assertEquals(Map.of("total", 4, "done", 3, "failed", 1, "timedOut", 0, "cancelled", 0, "notStarted", 0),
                Runs.summary(response));
        assertTrue(api.maxInFlight() <= 2, "in flight at once: " + api.maxInFlight());
        assertTrue(first.report().initDurationMs().isPresent(), "a cold start reports its init");
    }

    @Test
    void writesAnEmfLinePerPathAndASummaryLineToTheLog() {
        List<JSONObject> metrics = output.stream().filter(l -> l.startsWith("{\"_aws\"")).map(JSONObject::new).toList();
        assertTrue(metrics.size() >= 4, "metric lines: " + metrics);
        JSONObject line = metrics.get(0);
        assertEquals("${artifactId}", line.getJSONObject("_aws").getJSONArray("CloudWatchMetrics").getJSONObject(0)
                .getString("Namespace"), "METRICS_NAMESPACE from serverless.yml");
        assertEquals("dev", line.getString("Stage"));
        assertTrue(output.stream().anyMatch(l -> l.contains("\"run finished\"")), "summary log line");
    }

    @Test
    void answersTheWarmUpSchedule() throws IOException {
        Invocation warm = lambda.invoke(Files.readString(Path.of("events/warmup.json")));

        assertEquals(Map.of("warmed", true), new JSONObject(warm.response()).toMap());
    }

    @Test
    void answersBadInputWithAnErrorNotAFunctionError() {
        Invocation bad = lambda.invoke("{\"baseUrl\": \"file:///etc\", \"paths\": [\"/passwd\"], \"concurrency\": 1}");

        assertFalse(bad.isError(), bad.errorMessage());
        assertEquals("bad_input", new JSONObject(bad.response()).getJSONObject("error").getString("code"));
    }

    @Test
    void theSampleEventIsAValidInput() throws IOException {
        Invocation sample = lambda.invoke(Files.readString(Path.of("events/job.json")));

        assertFalse(sample.isError(), sample.errorMessage());
        assertEquals(2, new JSONObject(sample.response()).getJSONObject("summary").getInt("total"));
    }
}
