package dev.brisk.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.runtime.internal.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Fixture handlers, packaged into a jar at test time, run under the real Runtime Interface Client. */
@Timeout(120) // a hang fails the test instead of the build
class LocalLambdaIT {

    private static final Pattern REPORT_LINE = Pattern.compile("REPORT RequestId: [0-9a-f-]{36}\tDuration: \\d+\\.\\d\\d ms"
            + "\tBilled Duration: \\d+ ms\tMemory Size: \\d+ MB\tMax Memory Used: \\d+ MB(\tInit Duration: \\d+\\.\\d\\d ms)?.*");

    private static Path jar;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void packageFixtures() throws IOException {
        jar = FixtureJar.build(Path.of("target", "it-fixtures", "fixtures.jar").toAbsolutePath());
    }

    private LocalLambda.Builder function(String handler) {
        return LocalLambda.builder().jar(jar).handler(handler).memoryMb(512).timeout(Duration.ofSeconds(10))
                .output(line -> {
                    output.add(line);
                    System.out.println(line);
                });
    }

    @Test
    void normalInvoke_answersWithTheHandlersResponse_underLambdasEnvironment() {
        try (LocalLambda fn = function("dev.brisk.fixtures.EchoHandler::handleRequest")
                .functionName("orders").environment(Map.of("GREETING", "hello")).build()) {
            Invocation inv = fn.invoke("{\"order\":42}");

            assertFalse(inv.isError(), inv::toString);
            assertNull(inv.errorType());
            Map<String, Object> answer = object(inv.response());
            assertEquals(Map.of("order", new BigDecimal(42)), answer.get("event"));
            Map<?, ?> env = (Map<?, ?>) answer.get("env");
            assertEquals("dev.brisk.fixtures.EchoHandler::handleRequest", env.get("_HANDLER"));
            assertEquals("orders", env.get("AWS_LAMBDA_FUNCTION_NAME"));
            assertEquals("512", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
            assertEquals("$LATEST", env.get("AWS_LAMBDA_FUNCTION_VERSION"));
            assertEquals("/aws/lambda/orders", env.get("AWS_LAMBDA_LOG_GROUP_NAME"));
            assertEquals("on-demand", env.get("AWS_LAMBDA_INITIALIZATION_TYPE"));
            assertEquals("us-east-1", env.get("AWS_REGION"));
            assertEquals(":UTC", env.get("TZ"));
            assertEquals("hello", env.get("GREETING"));
            assertEquals("AKIAIOSFODNN7EXAMPLE", env.get("AWS_ACCESS_KEY_ID"));
            // the jar is unpacked as the task root, which is the JVM's working directory, as /var/task is
            assertEquals(env.get("LAMBDA_TASK_ROOT"), answer.get("userDir"));
            assertTrue(Files.isRegularFile(Path.of((String) answer.get("userDir"), "dev/brisk/fixtures/EchoHandler.class")));
            Map<?, ?> context = (Map<?, ?>) answer.get("context");
            assertEquals(inv.report().requestId(), context.get("awsRequestId"));
            assertEquals("arn:aws:lambda:us-east-1:123456789012:function:orders", context.get("invokedFunctionArn"));
            assertEquals(new BigDecimal(512), context.get("memoryLimitInMB"));
            long remaining = ((BigDecimal) context.get("remainingTimeInMillis")).longValue();
            assertTrue(remaining > 0 && remaining <= 10_000, "remaining " + remaining);
            assertTrue(output.contains("echo handler ran 1 time(s)"), "the function's stdout is forwarded");
        }
    }

    @Test
    void theJvm_isStartedWithLambdasFlags_sizedFromMemory() {
        try (LocalLambda fn = function("dev.brisk.fixtures.EchoHandler").memoryMb(256)
                .jvmArgs(List.of("-Dbrisk.test=1")).build()) {
            Invocation inv = fn.invoke("{}");

            @SuppressWarnings("unchecked")
            List<String> args = (List<String>) object(inv.response()).get("jvmArgs");
            assertTrue(args.contains("-XX:MaxHeapSize=222823k"), args::toString); // what Lambda passes for 256 MB
            assertTrue(args.contains("-XX:+UseSerialGC"), args::toString);
            assertTrue(args.contains("-XX:TieredStopAtLevel=1"), args::toString);
            assertTrue(args.contains("-Xshare:auto"), args::toString);
            assertTrue(args.contains("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac"), args::toString);
            assertEquals("-Dbrisk.test=1", args.get(args.size() - 1), "extra flags come last");
        }
    }

    @Test
    void warmRepeat_reusesTheJvm_andOnlyTheFirstInvocationIsCold() {
        try (LocalLambda fn = function("dev.brisk.fixtures.EchoHandler").build()) {
            Invocation first = fn.invoke("{}");
            Invocation second = fn.invoke("{}");
            Invocation third = fn.invoke("{}");

            assertEquals(new BigDecimal(1), object(first.response()).get("invocations"));
            assertEquals(new BigDecimal(2), object(second.response()).get("invocations"));
            assertEquals(new BigDecimal(3), object(third.response()).get("invocations"));
            assertTrue(first.report().cold());
            assertTrue(first.report().initDurationMs().isPresent());
            assertFalse(second.report().cold());
            assertTrue(second.report().initDurationMs().isEmpty());
            assertFalse(third.report().toString().contains("Init Duration"));
            assertNotEquals(first.report().requestId(), second.report().requestId());
        }
    }

    @Test
    void stop_makesTheNextInvocationCold() {
        try (LocalLambda fn = function("dev.brisk.fixtures.EchoHandler").build()) {
            fn.invoke("{}");
            fn.stop();
            Invocation again = fn.invoke("{}");

            assertTrue(again.report().cold());
            assertEquals(new BigDecimal(1), object(again.response()).get("invocations"));
        }
    }

    @Test
    void reportFigures_areSane() {
        try (LocalLambda fn = function("dev.brisk.fixtures.EchoHandler").build()) {
            Report cold = fn.invoke("{}").report();
            Report warm = fn.invoke("{}").report();

            for (Report r : List.of(cold, warm)) {
                assertTrue(REPORT_LINE.matcher(r.toString()).matches(), r::toString);
                assertTrue(r.durationMs() > 0, r::toString);
                assertTrue(r.billedDurationMs() >= Math.ceil(r.durationMs()), r::toString);
                assertEquals(512, r.memorySizeMb());
                assertTrue(r.maxMemoryUsedMb() > 0 && r.maxMemoryUsedMb() <= r.memorySizeMb(), r::toString);
                assertFalse(r.snapStart());
            }
            double init = cold.initDurationMs().orElseThrow();
            assertTrue(init > 0, cold::toString);
            assertTrue(cold.billedDurationMs() >= Math.ceil(init + cold.durationMs()), "init is billed: " + cold);
            assertTrue(cold.totalMs >= init + cold.durationMs(), "total spans init and the invocation: " + cold);
            assertTrue(warm.initDurationMs().isEmpty());
            assertTrue(warm.maxMemoryUsedMb() >= cold.maxMemoryUsedMb(), "a peak never goes down");
            assertTrue(output.contains(cold.toString()) && output.contains(warm.toString()), "REPORT lines are printed");
            assertTrue(output.contains("START RequestId: " + cold.requestId() + " Version: $LATEST"));
            assertTrue(output.contains("END RequestId: " + cold.requestId()));
        }
    }

    @Test
    void handlerNotFound_isAnErrorNamingTheClass() {
        try (LocalLambda fn = function("dev.brisk.fixtures.NoSuchHandler").build()) {
            Invocation inv = fn.invoke("{}");

            assertTrue(inv.isError());
            assertEquals("java.lang.ClassNotFoundException", inv.errorType());
            assertTrue(inv.errorMessage().contains("dev.brisk.fixtures.NoSuchHandler"), inv::errorMessage);
            assertEquals("java.lang.ClassNotFoundException", object(inv.response()).get("errorType"));
        }
    }

    @Test
    void exceptionInHandler_isReportedWithItsTypeAndMessage_andTheJvmLivesOn() {
        try (LocalLambda fn = function("dev.brisk.fixtures.ThrowingHandler").build()) {
            Invocation inv = fn.invoke("{\"order\":7}");

            assertTrue(inv.isError());
            assertEquals("java.lang.IllegalStateException", inv.errorType());
            assertEquals("order 7 is malformed", inv.errorMessage());
            List<?> stack = (List<?>) object(inv.response()).get("stackTrace");
            assertTrue(stack.get(0).toString().startsWith("dev.brisk.fixtures.ThrowingHandler.handleRequest"),
                    stack::toString);
            assertFalse(fn.invoke("{\"order\":8}").report().cold(), "an exception does not end the JVM");
        }
    }

    @Test
    void initFailure_isReportedAsAnInitError_withoutHanging() {
        try (LocalLambda fn = function("dev.brisk.fixtures.FailingInitHandler").build()) {
            Invocation inv = fn.invoke("{}");

            assertTrue(inv.isError());
            assertEquals("java.lang.ExceptionInInitializerError", inv.errorType());
            assertTrue(inv.errorMessage().startsWith("Init failed:"), inv::errorMessage);
            assertTrue(inv.errorMessage().contains("FailingInitHandler"), inv::errorMessage);
            assertTrue(inv.report().cold());
            assertTrue(inv.report().toString().endsWith("Status: error\tError Type: java.lang.ExceptionInInitializerError"),
                    inv.report()::toString);
            assertTrue(output.stream().anyMatch(l -> l.contains("TABLE_NAME is not set")),
                    "the cause is in the function's output");
            assertTrue(fn.invoke("{}").report().cold(), "the failed JVM is gone: the next invocation inits again");
        }
    }

    @Test
    void timeout_killsTheJvm_andReportsTaskTimedOut() {
        try (LocalLambda fn = function("dev.brisk.fixtures.SleepyHandler").timeout(Duration.ofSeconds(1)).build()) {
            Invocation late = fn.invoke("{\"sleepMs\":30000}");

            assertTrue(late.isError());
            assertEquals("Sandbox.Timedout", late.errorType());
            assertEquals("Task timed out after 1.00 seconds", late.errorMessage());
            assertEquals(1000.0, late.report().durationMs());
            assertTrue(late.report().toString().endsWith("Status: timeout"), late.report()::toString);

            Invocation next = fn.invoke("{\"sleepMs\":1}");
            assertFalse(next.isError(), next::toString);
            assertEquals("\"awake\"", next.response());
            assertTrue(next.report().cold(), "the timed-out JVM was killed: a new one starts");
        }
    }

    @Test
    void hangingInit_isCutOffAtTheInitDeadline() {
        try (LocalLambda fn = function("dev.brisk.fixtures.HangingInitHandler").timeout(Duration.ofSeconds(1))
                .build()) {
            Invocation inv = fn.invoke("{}");

            assertEquals("Sandbox.Timedout", inv.errorType());
            // Lambda's 10 s init limit plus the timeout, within which Lambda retries a slow init
            assertEquals("Init timed out after 11.00 seconds", inv.errorMessage());
            assertTrue(inv.report().initDurationMs().isEmpty(), inv.report()::toString);
        }
    }

    @Test
    void close_killsTheJvm() {
        LocalLambda fn = function("dev.brisk.fixtures.EchoHandler").build();
        long pid = ((BigDecimal) object(fn.invoke("{}").response()).get("pid")).longValue();
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the JVM runs between invocations");

        fn.close();

        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "closed: the JVM is gone");
        assertThrows(IllegalStateException.class, () -> fn.invoke("{}"));
    }

    @Test
    void crashingJvm_isARuntimeExitError() {
        try (LocalLambda fn = function("dev.brisk.fixtures.CrashingHandler").build()) {
            Invocation inv = fn.invoke("{}");

            assertTrue(inv.isError());
            assertEquals("Runtime.ExitError", inv.errorType());
            assertTrue(inv.errorMessage().contains("Runtime exited with error: exit status 7"), inv::errorMessage);
            assertTrue(inv.errorMessage().contains("about to halt"), "the last output explains it: " + inv.errorMessage());
        }
    }

    @Test
    void jvmThatCannotStart_failsWithItsOwnMessage() {
        try (LocalLambda fn = function("dev.brisk.fixtures.EchoHandler")
                .jvmArgs(List.of("-XX:+NoSuchBriskFlag")).build()) {
            Invocation inv = fn.invoke("{}");

            assertEquals("Runtime.ExitError", inv.errorType());
            assertTrue(inv.errorMessage().contains("before init completed"), inv::errorMessage);
            assertTrue(inv.errorMessage().contains("NoSuchBriskFlag"), inv::errorMessage);
        }
    }

    @Test
    void snapStart_runsTheCracHooksThroughTheRuntime(@TempDir Path markers) {
        try (LocalLambda fn = function("dev.brisk.fixtures.SnapStartHandler").snapStart(true)
                .environment(Map.of("MARKER_DIR", markers.toString())).build()) {
            Invocation inv = fn.invoke("{}");

            assertFalse(inv.isError(), inv::toString);
            Map<String, Object> answer = object(inv.response());
            assertEquals(List.of("beforeCheckpoint", "afterRestore"), answer.get("hooks"));
            assertEquals("snap-start", answer.get("initializationType"));
            assertTrue(Files.exists(markers.resolve("beforeCheckpoint")));
            assertTrue(Files.exists(markers.resolve("afterRestore")));
            Report report = inv.report();
            assertTrue(report.snapStart());
            assertTrue(report.restoreDurationMs().isPresent(), report::toString);
            assertTrue(report.toString().contains("\tRestore Duration: "), report::toString);
            assertTrue(report.toString().endsWith("\tSnapStart: emulated"), report::toString);
        }
    }

    @Test
    void withoutSnapStart_theHooksDoNotRun(@TempDir Path markers) {
        try (LocalLambda fn = function("dev.brisk.fixtures.SnapStartHandler")
                .environment(Map.of("MARKER_DIR", markers.toString())).build()) {
            Invocation inv = fn.invoke("{}");

            assertEquals(List.of(), object(inv.response()).get("hooks"));
            assertEquals("on-demand", object(inv.response()).get("initializationType"));
            assertFalse(inv.report().snapStart());
            assertTrue(inv.report().restoreDurationMs().isEmpty());
        }
    }

    @Test
    void fromServerlessYml_takesHandlerMemoryTimeoutEnvironmentAndJar(@TempDir Path project) throws IOException {
        Path yml = project.resolve("serverless.yml");
        Files.writeString(yml, String.join("\n",
                "service: shop",
                "provider:",
                "  name: aws",
                "  runtime: java25",
                "  region: eu-west-1",
                "  memorySize: 1024",
                "  environment: {FROM_PROVIDER: yes-please, GREETING: provider}",
                "package:",
                "  artifact: " + jar,
                "functions:",
                "  other:",
                "    handler: dev.brisk.fixtures.ThrowingHandler",
                "  api:",
                "    handler: dev.brisk.fixtures.EchoHandler::handleRequest",
                "    memorySize: 256",
                "    environment:",
                "      GREETING: ${param:greeting}",
                "params:",
                "  default:",
                "    greeting: from-params",
                ""));

        try (LocalLambda fn = LocalLambda.fromServerlessYml(yml).function("api").output(output::add).build()) {
            Invocation inv = fn.invoke("{}");

            Map<?, ?> env = (Map<?, ?>) object(inv.response()).get("env");
            assertEquals("dev.brisk.fixtures.EchoHandler::handleRequest", env.get("_HANDLER"));
            assertEquals("shop-dev-api", env.get("AWS_LAMBDA_FUNCTION_NAME"));
            assertEquals("256", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
            assertEquals("eu-west-1", env.get("AWS_REGION"));
            assertEquals("AWS_Lambda_java25", env.get("AWS_EXECUTION_ENV"));
            assertEquals("from-params", env.get("GREETING"));
            assertEquals("yes-please", env.get("FROM_PROVIDER"));
            assertEquals(256, inv.report().memorySizeMb());
            long remaining = ((BigDecimal) ((Map<?, ?>) object(inv.response()).get("context"))
                    .get("remainingTimeInMillis")).longValue();
            assertTrue(remaining > 3000 && remaining <= 6000, "Serverless's default timeout is 6 s: " + remaining);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String json) {
        return (Map<String, Object>) Json.parse(json);
    }
}
