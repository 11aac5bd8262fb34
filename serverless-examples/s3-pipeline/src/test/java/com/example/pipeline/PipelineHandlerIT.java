package com.example.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.brisk.runtime.Invocation;
import dev.brisk.runtime.LocalLambda;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, as serverless.yml deploys it, under the real AWS Lambda Runtime Interface Client. S3 is a closed
 * port here: the S3 paths themselves are tested against S3Mock in PipelineTest; this proves the minimized jar
 * starts, answers, fails the way Lambda must see it, and that SnapStart priming runs a whole event through its S3
 * client.
 */
class PipelineHandlerIT {

    /** Nothing listens on port 9 of loopback: every S3 call is refused at once. */
    private static final Map<String, String> NO_S3 = Map.of("S3_ENDPOINT", "http://127.0.0.1:9", "S3_PATH_STYLE", "true");

    private static LocalLambda lambda;
    private static Invocation first;

    @BeforeAll
    static void coldStart() throws IOException {
        lambda = LocalLambda.fromServerlessYml(Path.of("serverless.yml"))
                .environment(NO_S3)
                .build();
        first = lambda.invoke(Files.readString(Path.of("events/warmup.json")));
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    @Test
    void answersTheWarmUpOnAColdStart() throws IOException {
        assertFalse(first.isError(), first.errorMessage());
        assertEquals(Map.of("warmed", true), JSON.std.mapFrom(first.response()));
        assertTrue(first.report().initDurationMs().isPresent(), "a cold start reports its init");
    }

    @Test
    void ignoresTheDeletedObjectEvent() throws IOException {
        Invocation deleted = lambda.invoke(Files.readString(Path.of("events/deleted.json")));

        assertFalse(deleted.isError(), deleted.errorMessage());
        assertEquals("ignored", JSON.std.mapFrom(deleted.response()).get("status"));
    }

    @Test
    void failsTheInvocationForAMalformedEvent() {
        Invocation bad = lambda.invoke("{\"source\": \"aws.s3\", \"detail-type\": \"Object Created\"}");

        assertTrue(bad.isError());
        assertTrue(bad.errorType().endsWith("BadEventException"), bad.errorType());
    }

    @Test
    void failsTheInvocationWhenS3CannotBeReached() throws IOException {
        Invocation unreachable = lambda.invoke(Files.readString(Path.of("events/object-created.json")));

        assertTrue(unreachable.isError(), "so that Lambda retries the event, then dead-letters it");
        assertTrue(unreachable.errorType().endsWith("SdkClientException"), unreachable.errorType());
    }

    @Test
    void runsWithTheJarBeforeTheRuntimeOnTheClassPath_asAContainerImageThatShipsTheRuntimeMay() {
        // The runtime then uses the jar's copies of aws-lambda-java-core and utils-lite: shrinking must keep them whole
        List<String> output = new CopyOnWriteArrayList<>();
        try (LocalLambda jarFirst = LocalLambda.fromServerlessYml(Path.of("serverless.yml"))
                .environment(NO_S3)
                .functionJarFirst(true)
                .output(output::add)
                .build()) {
            Invocation cold = jarFirst.invoke("{\"warmer\": true}");
            Invocation warm = jarFirst.invoke("{\"warmer\": true}");

            assertFalse(cold.isError(), cold.errorMessage());
            assertFalse(warm.isError(), warm.errorMessage());
            assertTrue(output.stream().noneMatch(line -> line.contains("NoSuchMethodError")), String.join("\n", output));
        }
    }

    @Test
    void snapStartPrimingRunsAnObjectThroughTheS3ClientOfTheJar() {
        List<String> output = new CopyOnWriteArrayList<>();
        try (LocalLambda snap = LocalLambda.fromServerlessYml(Path.of("serverless.yml"))
                .environment(NO_S3)
                .snapStart(true)
                .output(output::add)
                .build()) {
            Invocation restored = snap.invoke("{\"warmer\": true}");

            assertFalse(restored.isError(), restored.errorMessage());
            assertTrue(output.stream().anyMatch(line -> line.contains("\"status\":\"processed\"")
                    && line.contains("priming.jsonl") && line.contains("\"rejected\":1")), String.join("\n", output));
        }
    }
}
