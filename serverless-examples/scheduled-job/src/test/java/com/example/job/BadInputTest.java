package com.example.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.lambda.test.TestContext;
import dev.brisk.lambda.test.TestEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every input the job must refuse: a clear bad_input error naming the problem, no exception, and no request sent. */
class BadInputTest {

    private static final String BASE = "\"baseUrl\": \"https://api.example.com\"";

    static Stream<Arguments> badInputs() {
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= Runs.MAX_PATHS; i++) {
            tooMany.add("\"/p" + i + "\"");
        }
        return Stream.of(
                Arguments.of("empty input", "", "empty"),
                Arguments.of("malformed JSON", "{\"baseUrl\": ", "not valid JSON"),
                Arguments.of("JSON with single quotes", "{'baseUrl': 'https://api.example.com'}", "not valid JSON"),
                Arguments.of("trailing data", "{" + BASE + ", \"paths\": [\"/a\"], \"concurrency\": 1} {}", "trailing data"),
                Arguments.of("an array", "[\"/health\"]", "JSON object"),
                Arguments.of("deep nesting", "{\"paths\": [[[[[\"/a\"]]]]]}", "nests deeper"),
                Arguments.of("unknown field", "{" + BASE + ", \"paths\": [\"/a\"], \"concurrency\": 1, \"conccurency\": 2}", "Unknown field 'conccurency'"),
                Arguments.of("duplicate key", "{" + BASE + ", " + BASE + ", \"paths\": [\"/a\"], \"concurrency\": 1}", "not valid JSON"),
                Arguments.of("no baseUrl", "{\"paths\": [\"/a\"], \"concurrency\": 1}", "'baseUrl' is required"),
                Arguments.of("file: URL", "{\"baseUrl\": \"file:///etc\", \"paths\": [\"/passwd\"], \"concurrency\": 1}", "not 'file:'"),
                Arguments.of("ftp URL", "{\"baseUrl\": \"ftp://api.example.com\", \"paths\": [\"/a\"], \"concurrency\": 1}", "not 'ftp:'"),
                Arguments.of("no host", "{\"baseUrl\": \"https:///health\", \"paths\": [\"/a\"], \"concurrency\": 1}", "must name a host"),
                Arguments.of("user in baseUrl", "{\"baseUrl\": \"https://admin:pw@api.example.com\", \"paths\": [\"/a\"], \"concurrency\": 1}", "no user or password"),
                Arguments.of("query in baseUrl", "{\"baseUrl\": \"https://api.example.com?x=1\", \"paths\": [\"/a\"], \"concurrency\": 1}", "no query"),
                Arguments.of("no paths", "{" + BASE + ", \"concurrency\": 1}", "'paths' is required"),
                Arguments.of("empty paths", "{" + BASE + ", \"paths\": [], \"concurrency\": 1}", "'paths' is empty"),
                Arguments.of("too many paths", "{" + BASE + ", \"paths\": " + tooMany + ", \"concurrency\": 1}", "at most " + Runs.MAX_PATHS),
                Arguments.of("a path that is a number", "{" + BASE + ", \"paths\": [42], \"concurrency\": 1}", "must be a string"),
                Arguments.of("empty path", "{" + BASE + ", \"paths\": [\"\"], \"concurrency\": 1}", "must start with '/'"),
                Arguments.of("absolute URL of a foreign host", "{" + BASE + ", \"paths\": [\"https://evil.example.net/x\"], \"concurrency\": 1}", "absolute URLs are refused"),
                Arguments.of("file: URL as a path", "{" + BASE + ", \"paths\": [\"file:///etc/passwd\"], \"concurrency\": 1}", "must start with '/'"),
                Arguments.of("scheme-relative foreign host", "{" + BASE + ", \"paths\": [\"//evil.example.net/x\"], \"concurrency\": 1}", "names another host"),
                Arguments.of("a path escaping the base", "{\"baseUrl\": \"https://api.example.com/v1\", \"paths\": [\"/../admin\"], \"concurrency\": 1}", "'..' segment"),
                Arguments.of("an encoded escape", "{\"baseUrl\": \"https://api.example.com/v1\", \"paths\": [\"/%2e%2E/admin\"], \"concurrency\": 1}", "'..' segment"),
                Arguments.of("a host glued to the base", "{\"baseUrl\": \"https://api.example.com\", \"paths\": [\"@evil.example.net/x\"], \"concurrency\": 1}", "must start with '/'"),
                Arguments.of("backslash", "{" + BASE + ", \"paths\": [\"/\\\\evil.example.net\"], \"concurrency\": 1}", "backslash"),
                Arguments.of("a space", "{" + BASE + ", \"paths\": [\"/a b\"], \"concurrency\": 1}", "space"),
                Arguments.of("concurrency 0", "{" + BASE + ", \"paths\": [\"/a\"], \"concurrency\": 0}", "from 1 to " + Runs.MAX_CONCURRENCY),
                Arguments.of("concurrency above the cap", "{" + BASE + ", \"paths\": [\"/a\"], \"concurrency\": " + (Runs.MAX_CONCURRENCY + 1) + "}", "from 1 to " + Runs.MAX_CONCURRENCY),
                Arguments.of("concurrency as text", "{" + BASE + ", \"paths\": [\"/a\"], \"concurrency\": \"4\"}", "whole number"),
                Arguments.of("fractional concurrency", "{" + BASE + ", \"paths\": [\"/a\"], \"concurrency\": 1.5}", "whole number"),
                Arguments.of("no concurrency", "{" + BASE + ", \"paths\": [\"/a\"]}", "'concurrency'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void isRefusedWithAClearError(String name, String input, String expected) {
        Runs runs = new Runs();

        JSONObject response = runs.run(input);

        JSONObject error = response.getJSONObject("error");
        assertEquals("bad_input", error.getString("code"));
        assertTrue(error.getString("message").contains(expected), "message: " + error.getString("message"));
        assertEquals(List.of(response.toString()), runs.logLines().stream().map(JSONObject::toString).toList(),
                "the error is logged once");
        assertEquals(List.of(), runs.metricLines(), "nothing was probed");
    }

    @Test
    void aScheduledEventWithoutTheJobsInputSaysToConfigureTheSchedule() throws IOException {
        String response = invoke(TestEvents.text("scheduled-event.json"), new TestContext());

        String message = new JSONObject(response).getJSONObject("error").getString("message");
        assertTrue(message.contains("give the schedule an input"), message);
    }

    @Test
    void theErrorNeverQuotesTheInput() throws IOException {
        String response = invoke("{\"baseUrl\": \"secret-token-123", new TestContext());

        assertFalse(response.contains("secret-token-123"), response);
    }

    @Test
    void theWarmUpIsAnsweredBeforeAnyInputIsRead() throws IOException {
        assertEquals("{\"warmed\":true}", invoke(" {\"warmer\": true} ", new TestContext()));
    }

    private static String invoke(String input, TestContext context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JobHandler(new JobInput.Limits(Runs.MAX_CONCURRENCY, Runs.MAX_PATHS), new ProbeJob(java.time.Duration.ofSeconds(1),
                java.time.Duration.ofMillis(100), "test", "test", System.out))
                .handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, context);
        return out.toString(StandardCharsets.UTF_8);
    }
}
