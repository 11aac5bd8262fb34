package dev.brisk.lambda.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.lambda.test.LocalDynamoDb;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB store, through DynamoDb.java, against a local DynamoDB (moto_server, started by {@link LocalDynamoDb}):
 * the JSON protocol, conditional puts, the record returned with a failed condition, the TTL attribute and lapsed
 * claims as DynamoDB evaluates them. The SDK's client (tests only) reads back what was written. Concurrent claims are
 * not tested here: DynamoDB makes a conditional write atomic, moto_server does not.
 */
class DynamoDbIdempotencyStoreTest extends IdempotencyStoreContract {

    @RegisterExtension
    static final LocalDynamoDb DYNAMODB = new LocalDynamoDb();

    private static DynamoDbClient dynamoDb;
    private String table;

    @BeforeAll
    static void connect() {
        dynamoDb = DynamoDbClient.builder()
                .endpointOverride(DYNAMODB.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void disconnect() {
        dynamoDb.close();
    }

    @BeforeEach
    void freshTable() {
        table = "idempotency-" + UUID.randomUUID();
        DYNAMODB.createTable(table);
    }

    @AfterEach
    void dropTable() {
        DYNAMODB.deleteTable(table);
    }

    @Override
    IdempotencyStore store() {
        // As fromEnvironment builds it, bar the endpoint; the function reads AWS_ENDPOINT_URL_DYNAMODB (QueueHandlerIT)
        DynamoDb local = new DynamoDb(DYNAMODB.endpoint(), "us-east-1",
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
    void theLocalFactoryClaimsCompletesAndReleasesInTheTableAtTheEndpointItIsGiven() {
        IdempotencyStore store = DynamoDbIdempotencyStore.local(DYNAMODB.endpoint(), table, TTL);

        assertEquals(IdempotencyStore.Claim.ACQUIRED, store.claim("a", Duration.ofSeconds(30)));
        assertEquals("IN_PROGRESS", stored("a").get("status"));
        assertEquals(IdempotencyStore.Claim.IN_PROGRESS, store.claim("a", Duration.ofSeconds(30)));
        store.complete("a");
        long expiry = Long.parseLong(stored("a").get("expiresAt"));
        long expected = Instant.now().plus(TTL).getEpochSecond();
        assertTrue(Math.abs(expiry - expected) <= 5, "expiresAt " + expiry + ", expected about " + expected);
        assertEquals(IdempotencyStore.Claim.DONE, store.claim("a", Duration.ofSeconds(30)));
        store.claim("b", Duration.ofSeconds(30));
        store.release("b");
        assertEquals(Map.of(), stored("b"));
    }

    @Test
    void theLocalFactoryRefusesWhatIsNotAnHttpEndpointOrATable() {
        assertThrows(IllegalArgumentException.class,
                () -> DynamoDbIdempotencyStore.local(URI.create("file:///tmp/dynamodb"), "t", TTL));
        assertThrows(IllegalArgumentException.class,
                () -> DynamoDbIdempotencyStore.local(URI.create("http:relative"), "t", TTL));
        assertThrows(IllegalArgumentException.class, () -> DynamoDbIdempotencyStore.local(null, "t", TTL));
        assertThrows(IllegalArgumentException.class,
                () -> DynamoDbIdempotencyStore.local(DYNAMODB.endpoint(), " ", TTL));
        assertThrows(IllegalArgumentException.class,
                () -> DynamoDbIdempotencyStore.local(DYNAMODB.endpoint(), null, TTL));
    }

    @Test
    void aMissingTableIsAnErrorNamingIt() {
        DynamoDbIdempotencyStore store = (DynamoDbIdempotencyStore) store();
        DYNAMODB.deleteTable(table);
        try {
            DynamoDb.Failure e = assertThrows(DynamoDb.Failure.class,
                    () -> store.claim("a", Duration.ofSeconds(30)));
            assertEquals("ResourceNotFoundException", e.type());
            assertFalse(e.retryable(), "a missing table is not retried");
        } finally {
            DYNAMODB.createTable(table);
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
