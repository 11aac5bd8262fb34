package dev.brisk.lambda.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Claims held in this JVM: bounded (oldest dropped first) and expiring. Duplicates are recognised within one execution
 * environment only; a store shared by every instance (DynamoDbIdempotencyStore) recognises them everywhere.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private record Held(boolean done, Instant expiresAt) {
    }

    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Held> entries;

    /**
     * @param ttl how long an applied id is remembered
     * @param maxEntries the most ids held; the oldest claim is dropped first
     */
    public InMemoryIdempotencyStore(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public synchronized Claim claim(String id, Duration lease) {
        Instant now = clock.instant();
        Held entry = entries.get(id);
        if (entry != null && entry.expiresAt().isAfter(now)) {
            return entry.done() ? Claim.DONE : Claim.IN_PROGRESS;
        }
        entries.remove(id); // re-inserted last: the newest claims are dropped last
        entries.put(id, new Held(false, now.plus(lease)));
        return Claim.ACQUIRED;
    }

    @Override
    public synchronized void complete(String id) {
        entries.remove(id);
        entries.put(id, new Held(true, clock.instant().plus(ttl)));
    }

    @Override
    public synchronized void release(String id) {
        entries.remove(id);
    }
}
