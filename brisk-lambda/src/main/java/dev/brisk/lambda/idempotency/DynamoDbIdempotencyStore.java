package dev.brisk.lambda.idempotency;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.json.JSONObject;

/**
 * Claims in a DynamoDB table keyed by {@code id} (string). A claim is a conditional put that succeeds only when no
 * live record exists; completing overwrites it with a longer expiry; releasing deletes it. {@code expiresAt} (epoch
 * seconds) is the table's TTL attribute, and a record past it counts as absent even before TTL removes it.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {

    private static final String CLAIM_CONDITION = "attribute_not_exists(id) OR expiresAt < :now";
    /** The region a local DynamoDB is addressed as: moto_server keeps tables per region. */
    private static final String LOCAL_REGION = "us-east-1";
    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";
    /** What DynamoDB answers a claim of an id already applied. */
    private static final String ALREADY_APPLIED = "{\"__type\":\"ConditionalCheckFailedException\","
            + "\"message\":\"The conditional request failed\",\"Item\":{\"id\":{\"S\":\"priming\"},"
            + "\"status\":{\"S\":\"COMPLETED\"},\"expiresAt\":{\"N\":\"0\"}}}";

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
    public static DynamoDbIdempotencyStore fromEnvironment(Duration ttl) {
        String table = System.getenv("IDEMPOTENCY_TABLE");
        if (table == null || table.isBlank()) {
            throw new IllegalStateException("IDEMPOTENCY_TABLE is not set: name the table in serverless.yml.");
        }
        return new DynamoDbIdempotencyStore(DynamoDb.fromEnvironment(System.getenv()), table, ttl,
                Clock.systemUTC());
    }

    /**
     * The table of a local DynamoDB (moto_server, DynamoDB Local), for tests: requests go to {@code endpoint}, for the
     * region us-east-1, signed with the static credentials {@code test}/{@code test}, which a local stand-in accepts
     * and AWS refuses. The function itself uses {@link #fromEnvironment}, which AWS_ENDPOINT_URL_DYNAMODB points at a
     * local DynamoDB.
     */
    public static DynamoDbIdempotencyStore local(URI endpoint, String table, Duration ttl) {
        if (endpoint == null || endpoint.getHost() == null || endpoint.getScheme() == null
                || !endpoint.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("Not an HTTP endpoint of a local DynamoDB: " + endpoint);
        }
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("No table named.");
        }
        Credentials test = new Credentials("test", "test", null);
        DynamoDb client = new DynamoDb(endpoint, LOCAL_REGION, () -> test, DynamoDb::send, DynamoDb.MAX_ATTEMPTS,
                Clock.systemUTC());
        return new DynamoDbIdempotencyStore(client, table, ttl, Clock.systemUTC());
    }

    /**
     * Stores for SnapStart priming: the whole request path (JSON, signing, the response check, errors) over a
     * transport that answers from memory, with no network. With the first every call succeeds; with the second a
     * claim meets an applied record. Their credentials are made up: the real ones are fetched on the first real
     * call, after the restore, and no connection is opened before the snapshot.
     */
    public static List<IdempotencyStore> primingStores() {
        return List.of(canned(200, "{}"), canned(400, ALREADY_APPLIED));
    }

    private static DynamoDbIdempotencyStore canned(int status, String body) {
        Credentials madeUp = new Credentials("priming", "priming", "priming");
        byte[] answer = body.getBytes(StandardCharsets.UTF_8);
        DynamoDb client = new DynamoDb(URI.create("https://dynamodb.priming.invalid"), "priming", () -> madeUp,
                (endpoint, headers, request) -> new DynamoDb.Response(status, null, answer), 1, Clock.systemUTC());
        return new DynamoDbIdempotencyStore(client, "priming", Duration.ofMinutes(1), Clock.systemUTC());
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
