package dev.brisk.lambda.idempotency;

import java.time.Duration;

/**
 * Remembers which message ids were applied, so that a redelivered or resent message has one effect: claim the id,
 * apply the message, then complete the claim (or release it when applying failed).
 */
public interface IdempotencyStore {

    /** What a {@link #claim} found. */
    enum Claim {
        /** Nobody applied this id: apply it now, then {@link #complete} or {@link #release} it. */
        ACQUIRED,
        /** Already applied: skip it. */
        DONE,
        /** Being applied by another invocation right now: report it failed, its redelivery will find it done. */
        IN_PROGRESS
    }

    /**
     * Claims {@code id} for {@code lease}: the time the caller has left. A claim whose holder died without completing
     * or releasing it lapses when its lease ends.
     */
    Claim claim(String id, Duration lease);

    /** Records {@code id} as applied; later claims of it find it done until the record expires. */
    void complete(String id);

    /** Drops the claim after a failure, so that the redelivered message is applied. */
    void release(String id);
}
