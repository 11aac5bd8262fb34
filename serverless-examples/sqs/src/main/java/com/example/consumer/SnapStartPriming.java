package com.example.consumer;

import dev.brisk.lambda.SnapStart;
import dev.brisk.lambda.idempotency.DynamoDbIdempotencyStore;
import dev.brisk.lambda.idempotency.IdempotencyStore;
import java.util.Map;

/**
 * Before the SnapStart snapshot, runs a synthetic batch through a twin of the handler: the same code (event and
 * contract parsing, idempotency claims, the response) with no-op actions, so that the snapshot holds loaded, linked
 * classes while no effect happens and nothing reaches the network. Registered only when Lambda initialises the
 * function for a snapshot.
 */
final class SnapStartPriming implements SnapStart.Priming {

    private static final String APPLIED = "brisk.priming.applied";
    private static final String REJECTED = "brisk.priming.rejected";
    private static final String BATCH = "{\"Records\":[" + record("priming-1", APPLIED) + ","
            + record("priming-2", REJECTED) + "," + record("priming-3", null) + "]}";

    @Override
    public void beforeCheckpoint() {
        // The store's whole request path over canned answers: first every call succeeds, then the claim meets an
        // applied record. No network, made-up credentials: the real ones are fetched after the restore
        for (IdempotencyStore store : DynamoDbIdempotencyStore.primingStores()) {
            prime(store);
        }
    }

    // afterRestore: nothing to re-create. The twin and its store are garbage, and the real store opened no connection
    // before the snapshot, so no restored copy shares one

    private static void prime(IdempotencyStore store) {
        QueueHandler twin = new QueueHandler(Map.of(
                APPLIED, message -> { },
                REJECTED, message -> message.text("missing", 1)), store);
        QueueHandler.response(twin.handle(BATCH, 10_000));
    }

    /** A record in a group of its own; a null type gives it a body that is not JSON. */
    private static String record(String messageId, String type) {
        String body = type == null ? "not json" : "{\"id\":\"" + messageId + "\",\"type\":\"" + type
                + "\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"data\":{}}";
        return "{\"messageId\":\"" + messageId + "\",\"body\":" + Json.quote(body)
                + ",\"attributes\":{\"MessageGroupId\":\"" + messageId + "\"}}";
    }
}
