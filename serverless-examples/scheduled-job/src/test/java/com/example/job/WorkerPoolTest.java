package com.example.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.lambda.test.TestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void neverRunsMoreThanMaxConcurrencyItemsAtOnce() throws InterruptedException {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Callable<Integer>> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            items.add(() -> {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                Thread.sleep(5);
                inFlight.decrementAndGet();
                return n;
            });
        }

        var results = new WorkerPool(4, Duration.ofSeconds(5), Duration.ZERO).run(items, () -> 60_000);

        assertEquals(4, most.get(), "at most 4 at once, and 4 reached");
        for (int i = 0; i < 40; i++) {
            assertEquals(WorkerPool.Outcome.DONE, results.get(i).outcome());
            assertEquals(i, results.get(i).value(), "results in the order of the items");
        }
    }

    @Test
    void oneItemsFailureIsThatItemsResultOnly() throws InterruptedException {
        List<Callable<String>> items = List.of(() -> "a", () -> {
            throw new IllegalStateException("broken");
        }, () -> {
            throw new OutOfMemoryError("pretend");
        }, () -> "d");

        var results = new WorkerPool(2, Duration.ofSeconds(5), Duration.ZERO).run(items, () -> 60_000);

        assertEquals(List.of(WorkerPool.Outcome.DONE, WorkerPool.Outcome.FAILED, WorkerPool.Outcome.FAILED,
                WorkerPool.Outcome.DONE), results.stream().map(WorkerPool.Result::outcome).toList());
        assertEquals("broken", results.get(1).error().getMessage());
    }

    @Test
    void anItemPastItsTimeoutIsInterruptedAndItsSlotGoesToTheNext() throws InterruptedException {
        AtomicInteger interrupted = new AtomicInteger();
        List<Callable<String>> items = List.of(() -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
            return "never";
        }, () -> "next");
        long start = System.nanoTime();

        var results = new WorkerPool(1, Duration.ofMillis(200), Duration.ZERO).run(items, () -> 60_000);

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(WorkerPool.Outcome.TIMED_OUT, results.get(0).outcome());
        assertEquals(WorkerPool.Outcome.DONE, results.get(1).outcome());
        assertEquals(1, interrupted.get(), "the timed-out item was interrupted");
        assertTrue(millis < 5_000, "took " + millis + " ms");
    }

    @Test
    void anItemThatIgnoresInterruptsIsStoppedThroughCancelAndItsSlotFreed() throws InterruptedException {
        AtomicInteger cancelled = new AtomicInteger();
        Stubborn stubborn = new Stubborn(cancelled);
        List<Callable<String>> items = List.of(stubborn, () -> "next");

        var results = new WorkerPool(1, Duration.ofMillis(200), Duration.ZERO).run(items, () -> 60_000);

        assertEquals(WorkerPool.Outcome.TIMED_OUT, results.get(0).outcome());
        assertEquals(WorkerPool.Outcome.DONE, results.get(1).outcome(), "the slot went to the next item");
        assertEquals(1, cancelled.get(), "cancelled once");
    }

    /** Blocks like a platform thread's socket read: deaf to interrupts, stopped only by cancel(). */
    private static final class Stubborn implements Callable<String>, WorkerPool.Cancellable {

        private final AtomicInteger cancelled;
        private volatile boolean stop;

        Stubborn(AtomicInteger cancelled) {
            this.cancelled = cancelled;
        }

        @Override
        public String call() {
            while (!stop) {
                LockSupport.parkNanos(1_000_000);
            }
            return "stopped";
        }

        @Override
        public void cancel() {
            cancelled.incrementAndGet();
            stop = true;
        }
    }

    @Test
    void stopsASafetyMarginBeforeTheDeadlineAndReportsWhatIsNotDone() throws InterruptedException {
        TestContext context = new TestContext(1_500);
        List<Callable<String>> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(() -> {
                Thread.sleep(30_000);
                return "never";
            });
        }

        var results = new WorkerPool(3, Duration.ofSeconds(20), Duration.ofMillis(500))
                .run(items, context::getRemainingTimeInMillis);

        int left = context.getRemainingTimeInMillis();
        assertTrue(left >= 300, "returned with " + left + " ms left, inside the safety margin");
        assertEquals(3, results.stream().filter(r -> r.outcome() == WorkerPool.Outcome.CANCELLED).count());
        assertEquals(7, results.stream().filter(r -> r.outcome() == WorkerPool.Outcome.NOT_STARTED).count());
    }

    @Test
    void withTimeLeftEqualToTheSafetyMarginNothingStarts() throws InterruptedException {
        AtomicInteger started = new AtomicInteger();
        List<Callable<Integer>> items = List.of(started::incrementAndGet);

        var results = new WorkerPool(1, Duration.ofSeconds(1), Duration.ofSeconds(2)).run(items, () -> 2_000);

        assertEquals(0, started.get());
        assertEquals(WorkerPool.Outcome.NOT_STARTED, results.get(0).outcome());
    }

    @Test
    void reportsHowLongEachItemRan() throws InterruptedException {
        List<Callable<String>> items = List.of(() -> {
            Thread.sleep(100);
            return "slept";
        });

        long millis = new WorkerPool(1, Duration.ofSeconds(5), Duration.ZERO).run(items, () -> 60_000).get(0).millis();

        assertTrue(millis >= 100 && millis < 5_000, millis + " ms for an item of 100 ms");
    }

    @Test
    void anItemThatEndedAsTheDeadlineCameCountsAsDone() throws InterruptedException {
        List<Callable<String>> items = List.of(() -> "first", () -> {
            Thread.sleep(200);
            return "second";
        });
        AtomicInteger asked = new AtomicInteger();
        IntSupplier remaining = () -> {
            if (asked.incrementAndGet() == 1) {
                return 60_000;
            }
            sleep(1_000); // the second item ends meanwhile; then the deadline has come
            return 0;
        };

        var results = new WorkerPool(2, Duration.ofSeconds(20), Duration.ZERO).run(items, remaining);

        assertEquals(WorkerPool.Outcome.DONE, results.get(1).outcome());
        assertEquals("second", results.get(1).value());
        long millis = results.get(1).millis();
        assertTrue(millis >= 200 && millis < 1_000, "its own time, not the time until the deadline: " + millis);
    }

    @Test
    void anItemStillRunningAtTheDeadlineIsCancelledOnce() throws InterruptedException {
        AtomicInteger cancelled = new AtomicInteger();
        TestContext context = new TestContext(1_000);

        var results = new WorkerPool(1, Duration.ofSeconds(20), Duration.ofMillis(500))
                .run(List.of(new Stubborn(cancelled)), context::getRemainingTimeInMillis);

        assertEquals(WorkerPool.Outcome.CANCELLED, results.get(0).outcome());
        assertEquals(1, cancelled.get());
    }

    @Test
    void aTimedOutItemThatKeepsRunningIsNotCancelledAgainAtTheDeadline() throws InterruptedException {
        AtomicInteger cancelled = new AtomicInteger();
        Deaf deaf = new Deaf(cancelled);
        TestContext context = new TestContext(1_000);
        try {
            var results = new WorkerPool(1, Duration.ofMillis(100), Duration.ofMillis(500))
                    .run(List.of(deaf), context::getRemainingTimeInMillis);

            assertEquals(WorkerPool.Outcome.TIMED_OUT, results.get(0).outcome());
            assertEquals(1, cancelled.get(), "cancel() is called at most once");
        } finally {
            deaf.release();
        }
    }

    @Test
    void waitsForItemsWithoutSpinning() throws InterruptedException {
        List<Callable<String>> items = List.of(() -> {
            Thread.sleep(1_000);
            return "slept";
        });
        AtomicInteger looks = new AtomicInteger();

        new WorkerPool(1, Duration.ofSeconds(20), Duration.ZERO).run(items, () -> {
            looks.incrementAndGet(); // read before every decision: a spinning pool reads it thousands of times
            return 60_000;
        });

        assertTrue(looks.get() <= 10, "the pool looked at the time left " + looks.get() + " times in 1 s");
    }

    /** Deaf to interrupts and to cancel(): runs until the test releases it. */
    private static final class Deaf implements Callable<String>, WorkerPool.Cancellable {

        private final AtomicInteger cancelled;
        private final CountDownLatch released = new CountDownLatch(1);

        Deaf(AtomicInteger cancelled) {
            this.cancelled = cancelled;
        }

        @Override
        public String call() {
            while (released.getCount() > 0) {
                LockSupport.parkNanos(1_000_000);
            }
            return "released";
        }

        @Override
        public void cancel() {
            cancelled.incrementAndGet();
        }

        void release() {
            released.countDown();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withNoTimeLeftNothingStarts() throws InterruptedException {
        AtomicInteger started = new AtomicInteger();
        List<Callable<Integer>> items = List.of(started::incrementAndGet, started::incrementAndGet);

        var results = new WorkerPool(2, Duration.ofSeconds(1), Duration.ofSeconds(2)).run(items, () -> 1_000);

        assertEquals(0, started.get());
        assertTrue(results.stream().allMatch(r -> r.outcome() == WorkerPool.Outcome.NOT_STARTED));
    }
}
