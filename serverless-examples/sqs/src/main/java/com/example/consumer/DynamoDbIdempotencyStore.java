package com.example.consumer;

import java.time.Clock;
import java.time.Duration;
import org.json.JSONObject;

/**
 * Claims in a DynamoDB table keyed by {@code id} (string). A claim is a conditional put that succeeds only when no
 * live record exists; completing overwrites it with a longer expiry; releasing deletes it. {@code expiresAt} (epoch
 * seconds) is the table's TTL attribute, and a record past it counts as absent even before TTL removes it.
 */
final class DynamoDbIdempotencyStore implements IdempotencyStore {

    private static final String CLAIM_CONDITION = "attribute_not_exists(id) OR expiresAt < :now";
    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";

    private final DynamoDb dynamoDb;
    private final String table;
    private final Duration ttl;
    private final Clock clock;

    DynamoDbIdempotencyStore(DynamoDb dynamoDb, String table, Duration ttl, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The table named by IDEMPOTENCY_TABLE, through a client set up once, here, during init. */
    static DynamoDbIdempotencyStore fromEnvironment(Duration ttl) {
        String table = System.getenv("IDEMPOTENCY_TABLE");
        if (table == null || table.isBlank()) {
            throw new IllegalStateException("IDEMPOTENCY_TABLE is not set: name the table in serverless.yml.");
        }
        return new DynamoDbIdempotencyStore(DynamoDb.fromEnvironment(System.getenv()), table, ttl,
                Clock.systemUTC());
    }

    @Override
    public Claim claim(String id, Duration lease) {
        long now = clock.instant().getEpochSecond();
        try {
            dynamoDb.call("PutItem", new JSONObject()
                    .put("TableName", table)
                    .put("Item", record(id, IN_PROGRESS, now + Math.max(1, lease.toSeconds())))
                    .put("ConditionExpression", CLAIM_CONDITION)
                    .put("ExpressionAttributeValues", new JSONObject().put(":now", number(now)))
                    .put("ReturnValuesOnConditionCheckFailure", "ALL_OLD"));
            return Claim.ACQUIRED;
        } catch (DynamoDb.Failure e) {
            if (!e.type().equals("ConditionalCheckFailedException")) {
                throw e;
            }
            // ALL_OLD: the record that made the condition fail comes back with the error
            JSONObject item = e.body().optJSONObject("Item");
            JSONObject status = item == null ? null : item.optJSONObject("status");
            return status != null && COMPLETED.equals(status.optString("S")) ? Claim.DONE : Claim.IN_PROGRESS;
        }
    }

    @Override
    public void complete(String id) {
        long expiresAt = clock.instant().plus(ttl).getEpochSecond();
        dynamoDb.call("PutItem", new JSONObject().put("TableName", table).put("Item", record(id, COMPLETED, expiresAt)));
    }

    @Override
    public void release(String id) {
        dynamoDb.call("DeleteItem", new JSONObject().put("TableName", table)
                .put("Key", new JSONObject().put("id", new JSONObject().put("S", id))));
    }

    private static JSONObject record(String id, String status, long expiresAt) {
        return new JSONObject()
                .put("id", new JSONObject().put("S", id))
                .put("status", new JSONObject().put("S", status))
                .put("expiresAt", number(expiresAt));
    }

    private static JSONObject number(long value) {
        return new JSONObject().put("N", Long.toString(value));
    }
}
