package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.lambda.idempotency.IdempotencyStore;
import dev.brisk.lambda.idempotency.InMemoryIdempotencyStore;
import dev.brisk.lambda.test.TestContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueueHandlerTest {

    private final Recorder recorder = new Recorder();
    private final IdempotencyStore store = new InMemoryIdempotencyStore(Duration.ofHours(1), 1_000, Clock.systemUTC());
    private final QueueHandler handler = new QueueHandler(recorder.actions(), store);

    @Test
    void appliesEveryValidMessageAndReportsNoFailure() {
        List<String> failed = Batches.failures(handler, Batches.batch(
                Batches.record("m1", Batches.placed("a")),
                Batches.record("m2", Batches.placed("b"))));

        assertEquals(List.of(), failed);
        assertEquals(Map.of("a", 1, "b", 1), recorder.applied());
    }

    @Test
    void reportsExactlyTheFailedRecordsAndAppliesTheOthers() {
        List<String> failed = Batches.failures(handler, Batches.batch(
                Batches.record("m1", Batches.placed("a")),
                Batches.record("m2", "not json"),
                Batches.record("m3", Batches.placed("c")),
                Batches.record("m4", null)));

        assertEquals(List.of("m2", "m4"), failed);
        assertEquals(List.of("a", "c"), recorder.sequence());
    }

    /** The shared AWS samples carry no contract message: every record is reported, none escapes as an error. */
    @ParameterizedTest
    @ValueSource(strings = {"sqs-event.json", "sqs-event-nobody.json", "sqs-event-product.json",
        "sns-sqs-fifo-event.json"})
    void everyRealAwsSampleIsRejectedRecordByRecord(String sample) {
        Map<String, Object> event = Batches.event(sample);

        List<String> failed = Batches.failures(handler, event);

        assertEquals(Batches.messageIds(event), failed);
        assertEquals(Map.of(), recorder.applied());
    }

    @Test
    void theRealSampleWithAnEmptyBodyFailsOnlyItsRecord() {
        Map<String, Object> nobody = Batches.event("sqs-event-nobody.json");
        @SuppressWarnings("unchecked")
        Map<String, Object> empty = ((List<Map<String, Object>>) nobody.get("Records")).get(0);

        List<String> failed = Batches.failures(handler, Batches.batch(
                Batches.record("m1", Batches.placed("a")), empty, Batches.record("m3", Batches.placed("c"))));

        assertEquals(List.of((String) empty.get("messageId")), failed);
        assertEquals(List.of("a", "c"), recorder.sequence());
    }

    @Test
    void theSameIdTwiceInOneBatchIsAppliedOnce() {
        List<String> failed = Batches.failures(handler, Batches.batch(
                Batches.record("m1", Batches.placed("a")),
                Batches.record("m2", Batches.placed("a"))));

        assertEquals(List.of(), failed);
        assertEquals(1, recorder.timesApplied("a"));
    }

    @Test
    void aRedeliveredBatchIsAcknowledgedWithoutApplyingAgain() {
        Map<String, Object> batch = Batches.batch(Batches.record("m1", Batches.placed("a")));

        Batches.failures(handler, batch);
        List<String> again = Batches.failures(handler, batch);

        assertEquals(List.of(), again);
        assertEquals(1, recorder.timesApplied("a"));
    }

    @Test
    void aFailedActionIsReportedThenAppliedOnRedelivery() {
        recorder.failNextAttempt("a");
        Map<String, Object> batch = Batches.batch(
                Batches.record("m1", Batches.placed("a")),
                Batches.record("m2", Batches.placed("b")));

        assertEquals(List.of("m1"), Batches.failures(handler, batch));
        assertEquals(0, recorder.timesApplied("a"));

        assertEquals(List.of(), Batches.failures(handler, batch));
        assertEquals(Map.of("a", 1, "b", 1), recorder.applied());
    }

    @Test
    void aMessageBeingAppliedElsewhereIsReportedForLater() {
        assertEquals(IdempotencyStore.Claim.ACQUIRED, store.claim("a", Duration.ofMinutes(1)));

        List<String> failed = Batches.failures(handler, Batches.batch(Batches.record("m1", Batches.placed("a"))));

        assertEquals(List.of("m1"), failed);
        assertEquals(0, recorder.timesApplied("a"));
    }

    @Test
    void anUnavailableStoreFailsItsRecordsNotTheInvocation() {
        QueueHandler outage = new QueueHandler(recorder.actions(), new FailingStore(true, false));

        List<String> failed = Batches.failures(outage, Batches.batch(
                Batches.record("m1", Batches.placed("a")),
                Batches.record("m2", Batches.placed("b"))));

        assertEquals(List.of("m1", "m2"), failed);
        assertEquals(Map.of(), recorder.applied(), "nothing is applied without a claim");
    }

    @Test
    void anAppliedMessageIsNotReportedFailedWhenRecordingItFails() {
        QueueHandler unrecorded = new QueueHandler(recorder.actions(), new FailingStore(false, true));

        List<String> failed = Batches.failures(unrecorded, Batches.batch(Batches.record("m1", Batches.placed("a"))));

        assertEquals(List.of(), failed, "reporting it would apply it a second time");
        assertEquals(1, recorder.timesApplied("a"));
    }

    @Test
    void recordsLeftWhenTimeRunsOutAreReportedNotAttempted() {
        Map<String, Object> batch = Batches.batch(
                Batches.record("m1", Batches.placed("a")),
                Batches.record("m2", Batches.placed("b")));

        String response = Batches.run(handler, Batches.bytes(batch),
                new TestContext((int) QueueHandler.TIME_MARGIN_MS - 1));

        assertEquals(List.of("m1", "m2"), Batches.failures(response));
        assertEquals(Map.of(), recorder.applied());
    }

    @Test
    void recordsReachedWithLessThanTheMarginLeftAreReportedNotAttempted() {
        Map<String, MessageAction> slow = new HashMap<>(recorder.actions());
        MessageAction placed = slow.get("order.placed");
        slow.put("order.placed", message -> {
            sleep(400);
            placed.apply(message);
        });
        QueueHandler slowHandler = new QueueHandler(slow, store);
        Map<String, Object> batch = Batches.batch(
                Batches.record("m1", Batches.placed("a")),
                Batches.record("m2", Batches.placed("b")),
                Batches.record("m3", Batches.placed("c")));

        // 1.3 s: the first record starts with more than the margin left, and leaves less after it
        String response = Batches.run(slowHandler, Batches.bytes(batch),
                new TestContext((int) QueueHandler.TIME_MARGIN_MS + 300));

        assertEquals(List.of("m2", "m3"), Batches.failures(response));
        assertEquals(List.of("a"), recorder.sequence());
        assertEquals(0, recorder.attempts("b"), "not attempted");
        assertEquals(IdempotencyStore.Claim.ACQUIRED, store.claim("b", Duration.ofMinutes(1)), "nor claimed");
    }

    /**
     * The limit of "once": the environment dies after the action and before the store records it. A redelivery while
     * the claim holds is reported for later, not applied; once the claim has lapsed (it lasts at most the invocation's
     * time, and SQS redelivers only after the visibility timeout, longer still), the message is applied again.
     */
    @Test
    void aCrashBetweenTheActionAndCompleteAppliesTheMessageAgainOnceItsClaimLapses() {
        SettableClock clock = new SettableClock();
        IdempotencyStore shared = new InMemoryIdempotencyStore(Duration.ofHours(1), 100, clock);
        recorder.crashAfterApplying("a");
        Map<String, Object> batch = Batches.batch(
                Batches.record("m0", Batches.placed("done-before")),
                Batches.record("m1", Batches.placed("a")),
                Batches.record("m2", Batches.placed("b")));

        assertThrows(Recorder.Crash.class, () -> Batches.run(new QueueHandler(recorder.actions(), shared),
                Batches.bytes(batch), new TestContext(5_000)));
        assertEquals(Map.of("done-before", 1, "a", 1), recorder.applied());

        QueueHandler fresh = new QueueHandler(recorder.actions(), shared);
        clock.advance(Duration.ofMillis(3_000));
        assertEquals(List.of("m1"), Batches.failures(Batches.run(fresh, Batches.bytes(batch), new TestContext(5_000))),
                "redelivered while the claim holds: reported, not applied");
        assertEquals(Map.of("done-before", 1, "a", 1, "b", 1), recorder.applied());

        clock.advance(Duration.ofMillis(2_100)); // past the 5 s the first invocation had
        assertEquals(List.of(), Batches.failures(Batches.run(fresh, Batches.bytes(batch), new TestContext(5_000))));
        assertEquals(Map.of("done-before", 1, "a", 2, "b", 1), recorder.applied(), "applied a second time");
    }

    @Test
    void eachRecordLevelProblemIsOneJsonLineNamingItsRecordNeverQuotingTheBody() {
        ScriptedStore scripted = new ScriptedStore(store);
        scripted.failClaim.add("store-down");
        scripted.failComplete.add("unrecorded");
        scripted.failRelease.add("unreleased");
        recorder.failNextAttempt("flaky");
        recorder.failNextAttempt("unreleased");
        QueueHandler handler = new QueueHandler(recorder.actions(), scripted);
        Map<String, Object> batch = Batches.batch(
                Batches.record("m1", "not json"),
                Batches.record("m2", Batches.placed("store-down")),
                Batches.record("m3", Batches.placed("bad-data").replace("\"quantity\":2", "\"quantity\":-2")),
                Batches.record("m4", Batches.placed("flaky")),
                Batches.record("m5", Batches.placed("unrecorded")),
                Batches.record("m6", Batches.placed("unreleased")),
                Batches.record("m7", Batches.placed("fine")));

        Captured captured = Captured.run(() -> assertEquals(List.of("m1", "m2", "m3", "m4", "m6"),
                Batches.failures(handler, batch)));

        String stored = "java.lang.IllegalStateException: store unavailable (test)";
        String downstream = "java.lang.IllegalStateException: downstream unavailable (test)";
        assertEquals(List.of(
                line("WARN", "m1", "Rejected: The body is not valid JSON: not valid JSON."),
                line("ERROR", "m2", "Idempotency store unavailable, retried later: " + stored),
                line("WARN", "m3", "Rejected: Field 'data.quantity' must be between 1 and 10000."),
                line("ERROR", "m4", "Failed, retried later: " + downstream),
                line("ERROR", "m5", "Applied, but not recorded as applied: " + stored),
                line("ERROR", "m6", "Claim not released: " + stored),
                line("ERROR", "m6", "Failed, retried later: " + downstream)), captured.lines());
        assertTrue(captured.err().contains(downstream) && captured.err().contains("\tat "),
                "a failed action's stack trace goes to the log: " + captured.err());
        assertEquals(Map.of("unrecorded", 1, "fine", 1), recorder.applied());
        assertEquals(IdempotencyStore.Claim.ACQUIRED, store.claim("bad-data", Duration.ofMinutes(1)),
                "a rejected action releases its claim");
        assertEquals(IdempotencyStore.Claim.ACQUIRED, store.claim("flaky", Duration.ofMinutes(1)),
                "a failed action releases its claim");
        assertEquals(IdempotencyStore.Claim.IN_PROGRESS, store.claim("unreleased", Duration.ofMinutes(1)),
                "a claim not released lapses with its lease");
        assertEquals(IdempotencyStore.Claim.DONE, store.claim("fine", Duration.ofMinutes(1)));
    }

    @Test
    void snapStartPrimingRunsItsBatchThroughTheHandlerWithNoEffect() {
        Captured captured = Captured.run(() -> new SnapStartPriming().beforeCheckpoint());

        List<String> rejected = captured.lines().stream().map(line -> (String) line.get("messageId")).toList();
#if( $idempotencyStore == 'dynamodb' )
        // With the first store every claim succeeds: the invalid records are rejected. With the second every claim
        // meets an applied record, so only the record that fails before its claim (not JSON) is rejected
        assertEquals(List.of("priming-2", "priming-3", "priming-3"), rejected);
#else
        assertEquals(List.of("priming-2", "priming-3"), rejected, "the invalid records rejected, the valid applied");
#end
        assertEquals(Map.of(), recorder.applied());
    }

    @Test
    void theResponseIsTheSqsBatchResponseShape() {
        String response = Batches.run(handler, Batches.bytes(Batches.batch(
                Batches.record("m1", Batches.placed("a")), Batches.record("m2", "{}"))), new TestContext());

        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}", response);
        assertEquals("{\"batchItemFailures\":[]}", QueueHandler.response(List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{oops", "[]", "{\"Records\": {}}", "{\"Records\": [{\"body\": \"no messageId\"}]}",
        "{\"Records\": [{\"messageId\": 42, \"body\": \"\"}]}"})
    void anEventThatCannotBeSplitIntoRecordsFailsTheWholeBatch(String event) {
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);

        assertThrows(IllegalArgumentException.class, () -> Batches.run(handler, bytes, new TestContext()));
        assertEquals(Map.of(), recorder.applied());
    }

    @Test
    void warmUpIsAnsweredWithoutTouchingTheStore() {
        AtomicInteger claims = new AtomicInteger();
        IdempotencyStore counting = new FailingStore(false, false) {
            @Override
            public Claim claim(String id, Duration lease) {
                claims.incrementAndGet();
                return super.claim(id, lease);
            }
        };
        QueueHandler warmed = new QueueHandler(recorder.actions(), counting);

        String response = Batches.run(warmed, "{\"warmer\": true}".getBytes(StandardCharsets.UTF_8), new TestContext());

        assertEquals("{\"warmed\":true}", response);
        assertEquals(0, claims.get());
    }

    @Test
    void theTemplateOrdersApplyPlacedAndCancelledMessages() {
        QueueHandler orders = new QueueHandler(Orders.actions(), store);
        String cancelled = "{\"id\":\"c1\",\"type\":\"order.cancelled\",\"occurredAt\":\"2026-01-31T13:00:00+01:00\","
                + "\"data\":{\"orderId\":\"order-1\",\"reason\":\"changed my mind\"}}";

        List<String> failed = Batches.failures(orders, Batches.batch(
                Batches.record("m1", Batches.placed("p1")), Batches.record("m2", cancelled)));

        assertEquals(List.of(), failed);
        assertEquals(IdempotencyStore.Claim.DONE, store.claim("p1", Duration.ofMinutes(1)));
        assertEquals(IdempotencyStore.Claim.DONE, store.claim("c1", Duration.ofMinutes(1)));
    }

    @Test
    void theLeaseOfAClaimIsTheTimeTheInvocationHasLeft() {
        Duration[] lease = new Duration[1];
        QueueHandler timed = new QueueHandler(recorder.actions(), new FailingStore(false, false) {
            @Override
            public Claim claim(String id, Duration requested) {
                lease[0] = requested;
                return super.claim(id, requested);
            }
        });

        Batches.run(timed, Batches.bytes(Batches.batch(Batches.record("m1", Batches.placed("a")))),
                new TestContext(5_000));

        assertTrue(lease[0].isPositive() && lease[0].compareTo(Duration.ofMillis(5_000)) <= 0,
                "a claim never outlives the invocation: lease " + lease[0]);
    }

    private static Map<String, Object> line(String level, String messageId, String message) {
        return Map.of("level", level, "messageId", messageId, "message", message);
    }

    /** What a piece of code printed: its standard output as JSON lines, its standard error as text. */
    private record Captured(List<Map<String, Object>> lines, String err) {

        static Captured run(Runnable code) {
            PrintStream out = System.out;
            PrintStream err = System.err;
            ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
            ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            try {
                code.run();
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
            List<Map<String, Object>> lines = outBytes.toString(StandardCharsets.UTF_8).lines()
                    .map(line -> new JSONObject(line).toMap()).toList();
            return new Captured(lines, errBytes.toString(StandardCharsets.UTF_8));
        }
    }

    /** The in-memory store, with claims, completions or releases of chosen ids failing as in an outage. */
    private static final class ScriptedStore implements IdempotencyStore {
        private final IdempotencyStore store;
        private final Set<String> failClaim = new HashSet<>();
        private final Set<String> failComplete = new HashSet<>();
        private final Set<String> failRelease = new HashSet<>();

        ScriptedStore(IdempotencyStore store) {
            this.store = store;
        }

        @Override
        public Claim claim(String id, Duration lease) {
            fail(failClaim, id);
            return store.claim(id, lease);
        }

        @Override
        public void complete(String id) {
            fail(failComplete, id);
            store.complete(id);
        }

        @Override
        public void release(String id) {
            fail(failRelease, id);
            store.release(id);
        }

        private static void fail(Set<String> ids, String id) {
            if (ids.contains(id)) {
                throw new IllegalStateException("store unavailable (test)");
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A clock the test moves forward. */
    private static final class SettableClock extends Clock {
        private Instant now = Instant.parse("2026-01-31T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** A store that can fail to claim or to complete, as DynamoDB throttling or an outage would. */
    private static class FailingStore implements IdempotencyStore {
        private final boolean failClaims;
        private final boolean failCompletes;

        FailingStore(boolean failClaims, boolean failCompletes) {
            this.failClaims = failClaims;
            this.failCompletes = failCompletes;
        }

        @Override
        public Claim claim(String id, Duration lease) {
            if (failClaims) {
                throw new IllegalStateException("store unavailable (test)");
            }
            return Claim.ACQUIRED;
        }

        @Override
        public void complete(String id) {
            if (failCompletes) {
                throw new IllegalStateException("store unavailable (test)");
            }
        }

        @Override
        public void release(String id) {
        }
    }
}
