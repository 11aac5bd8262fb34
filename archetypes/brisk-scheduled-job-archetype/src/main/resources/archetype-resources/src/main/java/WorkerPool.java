package ${package};

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Runs work items on threads of their own, at most {@code maxConcurrency} at a time, each within its own timeout, and
 * stops a safety margin before the function's deadline. The calling thread is the only one that starts, times out and
 * cancels items, so the bound holds by construction: an item counts as in flight until its thread has ended, even
 * after it was timed out. One item's failure is that item's result, never the end of the run.
 *
 * <p>Platform threads, not virtual ones: at these concurrencies (up to a few hundred, each mostly waiting on one
 * socket) the two measured within noise of each other in ThroughputBenchmark, and a cold start loads about 80 fewer
 * classes without the virtual-thread scheduler and its I/O poller (README: measured). A timed-out or cancelled item
 * is interrupted and, when it is {@link Cancellable}, cancelled: an interrupt does not unblock a platform thread's
 * socket read.
 */
final class WorkerPool {

    /** An item that can be stopped from another thread beyond an interrupt: by closing its connection, say. */
    interface Cancellable {

        /** Called from the pool's thread, at most once, while the item may be running; must not block. */
        void cancel();
    }

    /** What became of an item. */
    enum Outcome {
        /** Returned normally. */
        DONE,
        /** Threw: the exception is the result's error. */
        FAILED,
        /** Ran longer than the item timeout and was interrupted. */
        TIMED_OUT,
        /** Still running when the run's deadline came: interrupted and reported as not done. */
        CANCELLED,
        /** Never started: the deadline came first. */
        NOT_STARTED
    }

    /** One item's result, in the order the items were given. */
    record Result<T>(int index, Outcome outcome, T value, Throwable error, long millis) {
    }

    private final int maxConcurrency;
    private final long itemTimeoutNanos;
    private final long safetyMarginMillis;

    WorkerPool(int maxConcurrency, Duration itemTimeout, Duration safetyMargin) {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1: " + maxConcurrency);
        }
        this.maxConcurrency = maxConcurrency;
        this.itemTimeoutNanos = itemTimeout.toNanos();
        this.safetyMarginMillis = safetyMargin.toMillis();
    }

    /**
     * Runs every item, or as many as the time allows; {@code remainingMillis} is the function's time left
     * ({@code context::getRemainingTimeInMillis}), read before every decision. Returns when every started item has
     * ended or was given up on; a thread given up on has been interrupted and holds no slot of a later run.
     */
    <T> List<Result<T>> run(List<? extends Callable<T>> items, IntSupplier remainingMillis)
            throws InterruptedException {
        List<Result<T>> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            results.add(null);
        }
        BlockingQueue<Running<T>> ended = new LinkedBlockingQueue<>();
        Map<Integer, Running<T>> running = new HashMap<>();
        int next = 0;
        while (true) {
            long runLeftNanos = TimeUnit.MILLISECONDS.toNanos(remainingMillis.getAsInt() - safetyMarginMillis);
            if (runLeftNanos <= 0) {
                break;
            }
            while (next < items.size() && running.size() < maxConcurrency) {
                Running<T> item = new Running<>(next, items.get(next), ended);
                running.put(next, item);
                item.start();
                next++;
            }
            if (running.isEmpty()) {
                break; // every item has ended
            }
            long now = System.nanoTime();
            long wait = runLeftNanos;
            for (Running<T> item : running.values()) {
                if (!item.timedOut) {
                    wait = Math.min(wait, item.startNanos + itemTimeoutNanos - now);
                }
            }
            Running<T> first = ended.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
            if (first != null) {
                List<Running<T>> batch = new ArrayList<>();
                batch.add(first);
                ended.drainTo(batch);
                for (Running<T> item : batch) {
                    running.remove(item.index);
                    results.set(item.index, item.result(item.timedOut ? Outcome.TIMED_OUT : null));
                }
            }
            now = System.nanoTime();
            for (Running<T> item : running.values()) {
                if (!item.timedOut && now - item.startNanos >= itemTimeoutNanos) {
                    item.timedOut = true; // keeps its slot until its thread ends
                    item.stop();
                }
            }
        }
        // The deadline, or every item done: what ended meanwhile counts; interrupt the rest, report it as not done
        List<Running<T>> late = new ArrayList<>();
        ended.drainTo(late);
        for (Running<T> item : late) {
            running.remove(item.index);
            results.set(item.index, item.result(item.timedOut ? Outcome.TIMED_OUT : null));
        }
        for (Running<T> item : running.values()) {
            if (!item.timedOut) {
                item.stop();
            }
            results.set(item.index, item.result(item.timedOut ? Outcome.TIMED_OUT : Outcome.CANCELLED));
        }
        for (int i = next; i < items.size(); i++) {
            results.set(i, new Result<>(i, Outcome.NOT_STARTED, null, null, 0));
        }
        return results;
    }

    /** An item on its thread; its fields are read by the pool only after it is queued as ended. */
    private static final class Running<T> implements Runnable {

        final int index;
        final Callable<T> work;
        final BlockingQueue<Running<T>> ended;
        final Thread thread;
        final long startNanos = System.nanoTime();
        boolean timedOut; // the pool's thread only
        private volatile T value;
        private volatile Throwable error;
        private volatile long endNanos;

        Running(int index, Callable<T> work, BlockingQueue<Running<T>> ended) {
            this.index = index;
            this.work = work;
            this.ended = ended;
            // Daemon: a thread given up on at the deadline never holds the runtime back
            this.thread = Thread.ofPlatform().daemon().name("work-item-", index).unstarted(this);
        }

        void start() {
            thread.start();
        }

        void stop() {
            thread.interrupt();
            if (work instanceof Cancellable cancellable) {
                cancellable.cancel();
            }
        }

        @Override
        public void run() {
            try {
                value = work.call();
            } catch (Throwable e) {
                error = e;
            } finally {
                endNanos = System.nanoTime();
                ended.add(this);
            }
        }

        /** The result; {@code forced} overrides what the item itself reported (a timeout, a cancellation). */
        Result<T> result(Outcome forced) {
            long end = endNanos != 0 ? endNanos : System.nanoTime();
            long millis = TimeUnit.NANOSECONDS.toMillis(end - startNanos);
            if (forced != null) {
                return new Result<>(index, forced, null, error, millis);
            }
            return error == null ? new Result<>(index, Outcome.DONE, value, null, millis)
                    : new Result<>(index, Outcome.FAILED, null, error, millis);
        }
    }
}
