package com.example.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Claims in a DynamoDB table keyed by {@code id} (string). A claim is a conditional put that succeeds only when no
 * live record exists; completing overwrites it with a longer expiry; releasing deletes it. {@code expiresAt} (epoch
 * seconds) is the table's TTL attribute, and a record past it counts as absent even before TTL removes it.
 */
final class DynamoDbIdempotencyStore implements IdempotencyStore {

    private static final String CLAIM_CONDITION = "attribute_not_exists(id) OR expiresAt < :now";
    private static final AttributeValue IN_PROGRESS = AttributeValue.fromS("IN_PROGRESS");
    private static final AttributeValue COMPLETED = AttributeValue.fromS("COMPLETED");

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Duration ttl;
    private final Clock clock;

    DynamoDbIdempotencyStore(DynamoDbClient dynamoDb, String table, Duration ttl, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The table named by IDEMPOTENCY_TABLE, through a client built once, here, during init. */
    static DynamoDbIdempotencyStore fromEnvironment(Duration ttl) {
        String table = System.getenv("IDEMPOTENCY_TABLE");
        if (table == null || table.isBlank()) {
            throw new IllegalStateException("IDEMPOTENCY_TABLE is not set: name the table in serverless.yml.");
        }
        DynamoDbClient client = client(UrlConnectionHttpClient.create(), credentials(),
                Region.of(System.getenv("AWS_REGION")));
        return new DynamoDbIdempotencyStore(client, table, ttl, Clock.systemUTC());
    }

    /**
     * Everything explicit, so that the SDK searches for nothing at start: HTTP client, credentials, region. The
     * endpoint is the region's, unless AWS_ENDPOINT_URL_DYNAMODB names another (a local stand-in).
     */
    static DynamoDbClient client(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return DynamoDbClient.builder()
                .httpClient(http)
                .credentialsProvider(credentials)
                .region(region)
                .build();
    }

    /** SnapStart functions get the role's credentials from a loopback endpoint, on-demand ones in variables. */
    private static AwsCredentialsProvider credentials() {
        return System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null
                ? ContainerCredentialsProvider.create()
                : EnvironmentVariableCredentialsProvider.create();
    }

    @Override
    public Claim claim(String id, Duration lease) {
        long now = clock.instant().getEpochSecond();
        try {
            dynamoDb.putItem(put -> put.tableName(table)
                    .item(record(id, IN_PROGRESS, now + Math.max(1, lease.toSeconds())))
                    .conditionExpression(CLAIM_CONDITION)
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now))))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Claim.ACQUIRED;
        } catch (ConditionalCheckFailedException e) {
            return e.hasItem() && COMPLETED.equals(e.item().get("status")) ? Claim.DONE : Claim.IN_PROGRESS;
        }
    }

    @Override
    public void complete(String id) {
        long expiresAt = clock.instant().plus(ttl).getEpochSecond();
        dynamoDb.putItem(put -> put.tableName(table).item(record(id, COMPLETED, expiresAt)));
    }

    @Override
    public void release(String id) {
        dynamoDb.deleteItem(delete -> delete.tableName(table).key(Map.of("id", AttributeValue.fromS(id))));
    }

    private static Map<String, AttributeValue> record(String id, AttributeValue status, long expiresAt) {
        return Map.of(
                "id", AttributeValue.fromS(id),
                "status", status,
                "expiresAt", AttributeValue.fromN(Long.toString(expiresAt)));
    }
}
