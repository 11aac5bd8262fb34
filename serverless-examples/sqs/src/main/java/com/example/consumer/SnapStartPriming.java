package com.example.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Before the SnapStart snapshot, runs a synthetic batch through a twin of the handler: the same code (event and
 * contract parsing, idempotency claims, the response) with no-op actions, so that the snapshot holds loaded, linked
 * classes while no effect happens and nothing reaches the network. Registered only when Lambda initialises the
 * function for a snapshot.
 */
final class SnapStartPriming implements Resource {

    private static final String APPLIED = "brisk.priming.applied";
    private static final String REJECTED = "brisk.priming.rejected";
    private static final String BATCH = "{\"Records\":[" + record("priming-1", APPLIED) + ","
            + record("priming-2", REJECTED) + "," + record("priming-3", null) + "]}";
    /** What DynamoDB answers a claim of an id already applied. */
    private static final String ALREADY_APPLIED = "{\"__type\":\"ConditionalCheckFailedException\","
            + "\"message\":\"The conditional request failed\",\"Item\":{\"id\":{\"S\":\"priming\"},"
            + "\"status\":{\"S\":\"COMPLETED\"},\"expiresAt\":{\"N\":\"0\"}}}";

    private SnapStartPriming() {
    }

    static SnapStartPriming register() {
        SnapStartPriming priming = new SnapStartPriming();
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        // The whole request path (JSON, signing, the response check, errors) over a transport that answers from
        // memory: first every call succeeds, then the claim meets an applied record. Credentials are made up: the
        // real ones are fetched on the first real call, after the restore
        prime(new DynamoDbIdempotencyStore(cannedClient(200, "{}"), "priming", Duration.ofMinutes(1),
                Clock.systemUTC()));
        prime(new DynamoDbIdempotencyStore(cannedClient(400, ALREADY_APPLIED), "priming", Duration.ofMinutes(1),
                Clock.systemUTC()));
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to re-create: the twin and its store are garbage, and the real store opened no connection
        // before the snapshot, so no restored copy shares one
    }

    private static void prime(IdempotencyStore store) {
        QueueHandler twin = new QueueHandler(Map.of(
                APPLIED, message -> { },
                REJECTED, message -> message.text("missing", 1)), store);
        QueueHandler.response(twin.handle(BATCH, 10_000));
    }

    private static DynamoDb cannedClient(int status, String body) {
        Credentials madeUp = new Credentials("priming", "priming", "priming");
        byte[] answer = body.getBytes(StandardCharsets.UTF_8);
        return new DynamoDb(URI.create("https://dynamodb.priming.invalid"), "priming", () -> madeUp,
                (endpoint, headers, request) -> new DynamoDb.Response(status, null, answer), 1, Clock.systemUTC());
    }

    /** A record in a group of its own; a null type gives it a body that is not JSON. */
    private static String record(String messageId, String type) {
        String body = type == null ? "not json" : "{\"id\":\"" + messageId + "\",\"type\":\"" + type
                + "\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"data\":{}}";
        return "{\"messageId\":\"" + messageId + "\",\"body\":" + Json.quote(body)
                + ",\"attributes\":{\"MessageGroupId\":\"" + messageId + "\"}}";
    }
}
