package dev.brisk.runtime;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The figures Lambda logs after each invocation; {@link #toString()} is the REPORT line, shaped like Lambda's:
 * {@code REPORT RequestId: … Duration: … ms Billed Duration: … ms Memory Size: … MB Max Memory Used: … MB
 * Init Duration: … ms} (fields separated by tabs, as in CloudWatch).
 *
 * <p>Duration runs from the event being handed to the runtime to its response; Init Duration (cold invocations
 * only) from the JVM's start to the runtime's first request for an event; Max Memory Used is the JVM process's
 * peak resident set. Billed Duration rounds up to the millisecond and, on a cold on-demand invocation, includes
 * the init phase, which Lambda bills since August 2025.
 */
public final class Report {

    private final String requestId;
    private final double durationMs;
    private final int memorySizeMb;
    private final long peakRssKb;
    private final double initDurationMs;
    private final double restoreDurationMs;
    private final boolean snapStart;
    private final String status;
    private final String errorType;
    /** From the JVM's start to the response, on cold invocations; -1 when warm. */
    final double totalMs;

    Report(String requestId, double durationMs, int memorySizeMb, long peakRssKb, double initDurationMs,
           double restoreDurationMs, boolean snapStart, String status, String errorType, double totalMs) {
        this.requestId = requestId;
        this.durationMs = durationMs;
        this.memorySizeMb = memorySizeMb;
        this.peakRssKb = peakRssKb;
        this.initDurationMs = initDurationMs;
        this.restoreDurationMs = restoreDurationMs;
        this.snapStart = snapStart;
        this.status = status;
        this.errorType = errorType;
        this.totalMs = totalMs;
    }

    public String requestId() {
        return requestId;
    }

    public double durationMs() {
        return durationMs;
    }

    public long billedDurationMs() {
        double billed = durationMs + (initDurationMs >= 0 && !snapStart ? initDurationMs : 0);
        return Math.max(1, (long) Math.ceil(billed));
    }

    public int memorySizeMb() {
        return memorySizeMb;
    }

    /** Peak resident memory of the JVM in MB, 0 when the platform does not tell. */
    public int maxMemoryUsedMb() {
        return peakRssKb <= 0 ? 0 : (int) Math.max(1, Math.round(peakRssKb / 1024.0));
    }

    /** Present on the invocation that started the JVM. */
    public OptionalDouble initDurationMs() {
        return initDurationMs < 0 ? OptionalDouble.empty() : OptionalDouble.of(initDurationMs);
    }

    /** SnapStart only, cold only: from restore/next to the first request for an event (the afterRestore hooks). */
    public OptionalDouble restoreDurationMs() {
        return restoreDurationMs < 0 ? OptionalDouble.empty() : OptionalDouble.of(restoreDurationMs);
    }

    /** Whether the JVM was started with initialization type snap-start. */
    public boolean snapStart() {
        return snapStart;
    }

    /** True when this invocation started the JVM. */
    public boolean cold() {
        return initDurationMs >= 0;
    }

    long peakRssKb() {
        return peakRssKb;
    }

    @Override
    public String toString() {
        StringBuilder line = new StringBuilder("REPORT RequestId: ").append(requestId)
                .append("\tDuration: ").append(ms(durationMs)).append(" ms")
                .append("\tBilled Duration: ").append(billedDurationMs()).append(" ms")
                .append("\tMemory Size: ").append(memorySizeMb).append(" MB")
                .append("\tMax Memory Used: ").append(maxMemoryUsedMb()).append(" MB");
        if (initDurationMs >= 0) {
            line.append("\tInit Duration: ").append(ms(initDurationMs)).append(" ms");
        }
        if (restoreDurationMs >= 0) {
            line.append("\tRestore Duration: ").append(ms(restoreDurationMs)).append(" ms");
        }
        if (snapStart && initDurationMs >= 0) {
            line.append("\tSnapStart: emulated");
        }
        if (status != null) {
            line.append("\tStatus: ").append(status);
            if (errorType != null) {
                line.append("\tError Type: ").append(errorType);
            }
        }
        return line.toString();
    }

    static String ms(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
