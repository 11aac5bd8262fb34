package com.example.observability;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.SplittableRandom;

/**
 * Trace ids X-Ray accepts: the first 32 bits are the start time in epoch seconds, the other 96 random, as X-Ray's own
 * id generator makes them (X-Ray refuses a trace whose time part is more than 30 days old). Reseeded after a
 * SnapStart restore, so that restored copies never draw the same ids.
 */
final class XrayIds implements IdGenerator {

    private SplittableRandom random = new SplittableRandom();

    @Override
    public synchronized String generateSpanId() {
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        return SpanId.fromLong(id);
    }

    @Override
    public synchronized String generateTraceId() {
        long epochSeconds = System.currentTimeMillis() / 1000;
        long high = (epochSeconds << 32) | (random.nextInt() & 0xFFFF_FFFFL);
        return TraceId.fromLongs(high, random.nextLong());
    }

    synchronized void reseed(long seed) {
        random = new SplittableRandom(seed);
    }

    /** The X-Ray form of an OpenTelemetry trace id: 1-{8 hex time}-{24 hex random}. */
    static String xrayForm(String traceId) {
        return "1-" + traceId.substring(0, 8) + "-" + traceId.substring(8);
    }
}
