package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brisk.lambda.idempotency.IdempotencyStore;
import dev.brisk.lambda.idempotency.InMemoryIdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * FIFO: a failure a retry can cure holds back the rest of its message group, in order; other groups carry on. An
 * invalid message is reported alone: it never applies, so nothing waits for it.
 */
class FifoOrderTest {

    private final Recorder recorder = new Recorder();
    private final QueueHandler handler = new QueueHandler(recorder.actions(),
            new InMemoryIdempotencyStore(Duration.ofHours(1), 100, Clock.systemUTC()));

    @Test
    void afterARetryableFailureTheRestOfItsGroupIsReportedInOrder() {
        recorder.failNextAttempt("a2");

        List<String> failed = Batches.failures(handler, Batches.batch(
                Batches.inGroup(Batches.record("a1", Batches.placed("a1")), "a"),
                Batches.inGroup(Batches.record("b1", Batches.placed("b1")), "b"),
                Batches.inGroup(Batches.record("a2", Batches.placed("a2")), "a"),
                Batches.inGroup(Batches.record("b2", Batches.placed("b2")), "b"),
                Batches.inGroup(Batches.record("a3", Batches.placed("a3")), "a"),
                Batches.inGroup(Batches.record("a4", Batches.placed("a4")), "a")));

        assertEquals(List.of("a2", "a3", "a4"), failed);
        assertEquals(List.of("a1", "b1", "b2"), recorder.sequence());
    }

    @Test
    void aRedeliveryAppliesTheHeldBackGroupInItsOrder() {
        recorder.failNextAttempt("a1");
        Map<String, Object> batch = Batches.batch(
                Batches.inGroup(Batches.record("a1", Batches.placed("a1")), "a"),
                Batches.inGroup(Batches.record("a2", Batches.placed("a2")), "a"));

        assertEquals(List.of("a1", "a2"), Batches.failures(handler, batch));
        assertEquals(List.of(), recorder.sequence(), "a2 did not overtake a1");

        assertEquals(List.of(), Batches.failures(handler, batch));
        assertEquals(List.of("a1", "a2"), recorder.sequence());
    }

    /** Held back with it, a3 would be received as often as the poison a2, and dead-lettered with it. */
    @Test
    void anInvalidMessageIsReportedAloneAndItsGroupMovesOn() {
        List<String> failed = Batches.failures(handler, Batches.batch(
                Batches.inGroup(Batches.record("a1", Batches.placed("a1")), "a"),
                Batches.inGroup(Batches.record("a2", "{\"id\": \"a2\", \"type\": \"order.placed\"}"), "a"),
                Batches.inGroup(Batches.record("a3", Batches.placed("a3")), "a")));

        assertEquals(List.of("a2"), failed);
        assertEquals(List.of("a1", "a3"), recorder.sequence());
    }

    @Test
    void aMessageBeingAppliedElsewhereHoldsBackItsGroup() {
        IdempotencyStore busy = new InMemoryIdempotencyStore(Duration.ofHours(1), 100, Clock.systemUTC());
        busy.claim("a1", Duration.ofMinutes(1));
        QueueHandler contended = new QueueHandler(recorder.actions(), busy);

        List<String> failed = Batches.failures(contended, Batches.batch(
                Batches.inGroup(Batches.record("a1", Batches.placed("a1")), "a"),
                Batches.inGroup(Batches.record("a2", Batches.placed("a2")), "a")));

        assertEquals(List.of("a1", "a2"), failed);
        assertEquals(List.of(), recorder.sequence());
    }
}
