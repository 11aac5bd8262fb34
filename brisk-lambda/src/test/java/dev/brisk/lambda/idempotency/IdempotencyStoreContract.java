package dev.brisk.lambda.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every IdempotencyStore must do; each implementation's test extends this. */
abstract class IdempotencyStoreContract {

    static final Duration TTL = Duration.ofHours(1);

    /** Starts at a fixed instant; tests move it instead of waiting. */
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-31T12:00:00Z"));

    /** A store with an expiry of {@link #TTL}, reading time from {@link #clock}, holding nothing yet. */
    abstract IdempotencyStore store();

    @Test
    void theFirstClaimOfAnIdAcquiresIt() {
        assertEquals(IdempotencyStore.Claim.ACQUIRED, store().claim("a", Duration.ofMinutes(1)));
    }

    @Test
    void aClaimedIdIsInProgressForOthers() {
        IdempotencyStore store = store();
        store.claim("a", Duration.ofMinutes(1));

        assertEquals(IdempotencyStore.Claim.IN_PROGRESS, store.claim("a", Duration.ofMinutes(1)));
        assertEquals(IdempotencyStore.Claim.ACQUIRED, store.claim("b", Duration.ofMinutes(1)), "ids are independent");
    }

    @Test
    void aCompletedIdIsDone() {
        IdempotencyStore store = store();
        store.claim("a", Duration.ofMinutes(1));
        store.complete("a");

        assertEquals(IdempotencyStore.Claim.DONE, store.claim("a", Duration.ofMinutes(1)));
    }

    @Test
    void aReleasedIdCanBeClaimedAgain() {
        IdempotencyStore store = store();
        store.claim("a", Duration.ofMinutes(1));
        store.release("a");

        assertEquals(IdempotencyStore.Claim.ACQUIRED, store.claim("a", Duration.ofMinutes(1)));
    }

    @Test
    void theClaimOfAnInvocationThatDiedLapsesWithItsLease() {
        IdempotencyStore store = store();
        store.claim("a", Duration.ofSeconds(10));

        clock.advance(Duration.ofSeconds(5));
        assertEquals(IdempotencyStore.Claim.IN_PROGRESS, store.claim("a", Duration.ofSeconds(10)));
        clock.advance(Duration.ofSeconds(10));
        assertEquals(IdempotencyStore.Claim.ACQUIRED, store.claim("a", Duration.ofSeconds(10)));
    }

    @Test
    void aCompletedIdIsForgottenAfterItsExpiry() {
        IdempotencyStore store = store();
        store.claim("a", Duration.ofMinutes(1));
        store.complete("a");

        clock.advance(TTL.minusMinutes(1));
        assertEquals(IdempotencyStore.Claim.DONE, store.claim("a", Duration.ofMinutes(1)));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(IdempotencyStore.Claim.ACQUIRED, store.claim("a", Duration.ofMinutes(1)));
    }
}
