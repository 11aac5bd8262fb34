package com.example.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The handler's configuration from the environment, an interrupted run, and SnapStart priming. */
class JobHandlerTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    @Test
    void withoutSettingsTheCapsAre4ProbesAtOnceAnd50Paths() {
        JobHandler handler = new JobHandler(Map.of(), out);

        assertTrue(refusal(handler, List.of("/a"), 5).contains("from 1 to 4 (MAX_CONCURRENCY)"));
        assertTrue(refusal(handler, paths(51), 1).contains("at most 50 (MAX_PATHS)"));
    }

    @Test
    void settingsAreReadTrimmedAndABlankOneIsTheDefault() {
        JobHandler handler = new JobHandler(Map.of("MAX_CONCURRENCY", " 7 ", "MAX_PATHS", "  "), out);

        assertTrue(refusal(handler, List.of("/a"), 8).contains("from 1 to 7 (MAX_CONCURRENCY)"));
        assertTrue(refusal(handler, paths(51), 1).contains("at most 50 (MAX_PATHS)"));
    }

    @Test
    void theSmallestSettingsAreAccepted() {
        JobHandler handler = new JobHandler(Map.of("MAX_CONCURRENCY", "1", "MAX_PATHS", "1", "ITEM_TIMEOUT_MS", "1",
                "SAFETY_MARGIN_MS", "0"), out);

        assertTrue(refusal(handler, List.of("/a"), 2).contains("from 1 to 1 (MAX_CONCURRENCY)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAX_CONCURRENCY=0", "MAX_PATHS=-1", "ITEM_TIMEOUT_MS=0", "SAFETY_MARGIN_MS=-1",
        "MAX_CONCURRENCY=four", "ITEM_TIMEOUT_MS=5s"})
    void aBadSettingFailsTheInitNamingTheVariable(String setting) {
        String name = setting.substring(0, setting.indexOf('='));
        String value = setting.substring(setting.indexOf('=') + 1);
        String min = name.equals("SAFETY_MARGIN_MS") ? "0" : "1";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JobHandler(Map.of(name, value), out));

        assertEquals(name + " must be a whole number of at least " + min + ", not '" + value + "'", e.getMessage());
    }

    @Test
    void anInterruptedRunFailsAndKeepsTheInterrupt() {
        JobHandler handler = new JobHandler(new JobInput.Limits(1, 1),
                new ProbeJob(Duration.ofSeconds(5), Duration.ZERO, "test", "test", out));
        try (LocalApi api = LocalApi.answeringIn(1_000)) {
            Thread.currentThread().interrupt();
            byte[] input = Runs.input(api.baseUrl(), List.of("/ok/1"), 1).getBytes(StandardCharsets.UTF_8);

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> handler.handle(input, () -> 60_000));

            assertEquals("the run was interrupted", e.getMessage());
            assertTrue(Thread.interrupted(), "the thread is still marked interrupted");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void snapStartPrimingRunsWithoutWritingToTheFunctionsLog() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream original = System.out;

        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            new SnapStartPriming().beforeCheckpoint();
        } finally {
            System.setOut(original);
        }

        assertEquals("", stdout.toString(StandardCharsets.UTF_8));
    }

    private static String refusal(JobHandler handler, List<String> paths, int concurrency) {
        String input = Runs.input("https://api.example.com", paths, concurrency);
        JSONObject response = new JSONObject(handler.handle(input.getBytes(StandardCharsets.UTF_8), () -> 60_000));
        return response.getJSONObject("error").getString("message");
    }

    private static List<String> paths(int count) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            paths.add("/p" + i);
        }
        return paths;
    }
}
