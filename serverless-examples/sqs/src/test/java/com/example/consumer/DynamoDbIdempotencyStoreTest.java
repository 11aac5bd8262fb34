package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The DynamoDB store, through DynamoDb.java, against a local DynamoDB (moto_server) named by BRISK_DYNAMODB_ENDPOINT:
 * the JSON protocol, conditional puts, the record returned with a failed condition, the TTL attribute and lapsed
 * claims as DynamoDB evaluates them. The SDK's client (tests only) creates the tables and reads what was written. Skipped, saying so, when no endpoint is set.
 * Concurrent claims are not tested here: DynamoDB makes a conditional write atomic, moto_server does not.
 */
class DynamoDbIdempotencyStoreTest extends IdempotencyStoreContract {

    static final String ENDPOINT_VARIABLE = "BRISK_DYNAMODB_ENDPOINT";

    private static DynamoDbClient dynamoDb;
    private String table;

    @BeforeAll
    static void connect() {
        String endpoint = System.getenv(ENDPOINT_VARIABLE);
        String reason = ENDPOINT_VARIABLE + " is not set, so the DynamoDB store is not tested here: start a local "
                + "DynamoDB (pip install 'moto[server]'; moto_server -p 5000) and export "
                + ENDPOINT_VARIABLE + "=http://127.0.0.1:5000";
        if (endpoint == null || endpoint.isBlank()) {
            System.out.println("[SKIPPED] DynamoDbIdempotencyStoreTest: " + reason);
        }
        assumeTrue(endpoint != null && !endpoint.isBlank(), reason);
        dynamoDb = localClient(endpoint);
    }

    /** The SDK's client for the local endpoint, to set up and inspect tables. */
    static DynamoDbClient localClient(String endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A table shaped like serverless.yml's IdempotencyTable. */
    static void createTable(DynamoDbClient client, String name) {
        client.createTable(create -> create.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
        client.waiter().waitUntilTableExists(wait -> wait.tableName(name));
    }

    @BeforeEach
    void freshTable() {
        table = "idempotency-" + UUID.randomUUID();
        createTable(dynamoDb, table);
    }

    @AfterEach
    void dropTable() {
        dynamoDb.deleteTable(delete -> delete.tableName(table));
    }

    @Override
    IdempotencyStore store() {
        // As fromEnvironment builds it, bar the endpoint; the function reads AWS_ENDPOINT_URL_DYNAMODB (QueueHandlerIT)
        DynamoDb local = new DynamoDb(URI.create(System.getenv(ENDPOINT_VARIABLE)), "us-east-1",
                () -> new Credentials("test", "test", null), DynamoDb::send, DynamoDb.MAX_ATTEMPTS, Clock.systemUTC());
        return new DynamoDbIdempotencyStore(local, table, TTL, clock);
    }

    @Test
    void aCompletedRecordCarriesItsTtlInEpochSeconds() {
        IdempotencyStore store = store();
        store.claim("a", Duration.ofSeconds(30));
        long leaseEnd = clock.instant().getEpochSecond() + 30;
        assertEquals(Map.of("status", "IN_PROGRESS", "expiresAt", Long.toString(leaseEnd)), stored("a"));

        store.complete("a");
        long expiry = clock.instant().plus(TTL).getEpochSecond();
        assertEquals(Map.of("status", "COMPLETED", "expiresAt", Long.toString(expiry)), stored("a"));
    }

    @Test
    void aReleaseDeletesTheRecord() {
        IdempotencyStore store = store();
        store.claim("a", Duration.ofSeconds(30));
        store.release("a");

        assertEquals(Map.of(), stored("a"));
    }

    @Test
    void aMissingTableIsAnErrorNamingIt() {
        DynamoDbIdempotencyStore store = (DynamoDbIdempotencyStore) store();
        dynamoDb.deleteTable(delete -> delete.tableName(table));
        try {
            DynamoDb.Failure e = assertThrows(DynamoDb.Failure.class,
                    () -> store.claim("a", Duration.ofSeconds(30)));
            assertEquals("ResourceNotFoundException", e.type());
            assertFalse(e.retryable(), "a missing table is not retried");
        } finally {
            createTable(dynamoDb, table);
        }
    }

    private Map<String, String> stored(String id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(get -> get.tableName(table)
                .key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Map.of();
        }
        return Map.of("status", item.get("status").s(), "expiresAt", item.get("expiresAt").n());
    }
}
