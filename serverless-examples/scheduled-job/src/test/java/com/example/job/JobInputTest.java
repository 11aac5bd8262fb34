package com.example.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** Every limit of the input accepts its maximum and refuses one more: an off-by-one here refuses a valid schedule. */
class JobInputTest {

    private static final JobInput.Limits LIMITS = new JobInput.Limits(4, 3);
    private static final String BASE = "https://api.example.com";

    @Test
    void anInputOfExactlyMaxBytesIsReadAndOneByteMoreIsRefused() throws BadInput {
        String input = input(List.of("/a"), 1);

        assertEquals(List.of("/a"), JobInput.parse(padded(input, JobInput.MAX_BYTES), LIMITS).paths());
        BadInput e = assertThrows(BadInput.class, () -> JobInput.parse(padded(input, JobInput.MAX_BYTES + 1), LIMITS));
        assertEquals("The input is larger than " + JobInput.MAX_BYTES + " bytes.", e.getMessage());
    }

    @Test
    void nestingOfFourLevelsIsReadAndFiveAreRefused() {
        String four = "{\"baseUrl\": \"" + BASE + "\", \"paths\": [[[\"/a\"]]], \"concurrency\": 1}";
        String five = "{\"baseUrl\": \"" + BASE + "\", \"paths\": [[[[\"/a\"]]]], \"concurrency\": 1}";

        assertEquals("Every entry of 'paths' must be a string.", refusal(four), "read, then refused for its content");
        assertEquals("The input nests deeper than 4 levels.", refusal(five));
    }

    @Test
    void upToMaxPathsAreTaken() throws BadInput {
        assertEquals(3, JobInput.parse(bytes(input(List.of("/a", "/b", "/c"), 1)), LIMITS).urls().size());
        assertEquals("'paths' has 4 entries; at most 3 (MAX_PATHS).", refusal(input(List.of("/a", "/b", "/c", "/d"), 1)));
    }

    @Test
    void concurrencyRunsFrom1ToTheCap() throws BadInput {
        assertEquals(1, JobInput.parse(bytes(input(List.of("/a"), 1)), LIMITS).concurrency());
        assertEquals(4, JobInput.parse(bytes(input(List.of("/a"), 4)), LIMITS).concurrency());
        assertEquals("'concurrency' must be a whole number from 1 to 4 (MAX_CONCURRENCY).",
                refusal(input(List.of("/a"), 5)));
    }

    @Test
    void aPathOfMaxPathLengthIsTakenAndOneCharacterMoreIsRefused() throws BadInput {
        String longest = "/" + "p".repeat(JobInput.MAX_PATH_LENGTH - 1);

        assertEquals(List.of(java.net.URI.create(BASE + longest)),
                JobInput.parse(bytes(input(List.of(longest), 1)), LIMITS).urls());
        assertEquals("A path is longer than " + JobInput.MAX_PATH_LENGTH + " characters.",
                refusal(input(List.of(longest + "p"), 1)));
    }

    @Test
    void anUnknownFieldIsNamedUpTo80CharactersThenCut() {
        String allowed = "': the input has only [baseUrl, concurrency, paths].";

        assertEquals("Unknown field '" + "k".repeat(80) + allowed, refusal(withField("k".repeat(80))));
        assertEquals("Unknown field '" + "k".repeat(80) + "..." + allowed, refusal(withField("k".repeat(81))));
    }

    private static String withField(String name) {
        return new JSONObject(input(List.of("/a"), 1)).put(name, 1).toString();
    }

    private static String refusal(String input) {
        return assertThrows(BadInput.class, () -> JobInput.parse(bytes(input), LIMITS)).getMessage();
    }

    private static String input(List<String> paths, int concurrency) {
        return Runs.input(BASE, new ArrayList<>(paths), concurrency);
    }

    /** {@code json} with spaces before its closing brace, {@code length} bytes in all. */
    private static byte[] padded(String json, int length) {
        return bytes(json.substring(0, json.length() - 1) + " ".repeat(length - json.length()) + "}");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
