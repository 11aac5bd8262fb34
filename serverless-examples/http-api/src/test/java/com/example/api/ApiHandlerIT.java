package com.example.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.runtime.Invocation;
import dev.brisk.runtime.LocalLambda;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged jar, as serverless.yml deploys it, under the real AWS Lambda Runtime Interface Client. */
class ApiHandlerIT {

    private static LocalLambda lambda;
    private static Invocation first;

    @BeforeAll
    static void coldStart() throws IOException {
        lambda = LocalLambda.fromServerlessYml(Path.of("serverless.yml")).build();
        first = lambda.invoke(Files.readString(Path.of("events/hello.json")));
    }

    private static Map<String, Object> json(String text) {
        return new JSONObject(text).toMap();
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    @Test
    void greetsOnAColdStart() throws IOException {
        assertFalse(first.isError(), first.errorMessage());
        Map<String, Object> response = json(first.response());
        assertEquals(200, ((Number) response.get("statusCode")).intValue());
        assertEquals(Map.of("message", "Hello, Brisk!"), json((String) response.get("body")));
        assertTrue(first.report().initDurationMs().isPresent(), "a cold start reports its init");
    }

    @Test
    void createsAnItemWarm() throws IOException {
        Invocation created = lambda.invoke(Files.readString(Path.of("events/items-create.json")));

        Map<String, Object> response = json(created.response());
        assertEquals(201, ((Number) response.get("statusCode")).intValue());
        assertTrue(created.report().initDurationMs().isEmpty(), "a warm invoke has no init");
    }

    @Test
    void answersTheWarmUpSchedule() throws IOException {
        Invocation warm = lambda.invoke(Files.readString(Path.of("events/warmup.json")));

        assertEquals(Map.of("warmed", true), json(warm.response()));
    }

    @Test
    void answersGarbageWithA400NotAFunctionError() throws IOException {
        Invocation garbage = lambda.invoke("{\"rawPath\": \"/items\", \"requestContext\": {\"http\": {\"method\": \"POST\"}}, "
                + "\"body\": \"{oops\"}");

        assertFalse(garbage.isError());
        assertEquals(400, ((Number) json(garbage.response()).get("statusCode")).intValue());
    }
}
