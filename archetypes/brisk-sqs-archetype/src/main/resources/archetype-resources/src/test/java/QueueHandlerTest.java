package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.lambda.idempotency.IdempotencyStore;
import dev.brisk.lambda.idempotency.InMemoryIdempotencyStore;
import dev.brisk.lambda.test.TestContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
