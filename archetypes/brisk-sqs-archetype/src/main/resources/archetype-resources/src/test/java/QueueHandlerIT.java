package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

#if( $idempotencyStore == 'dynamodb' )
import dev.brisk.lambda.test.LocalDynamoDb;
#end
import dev.brisk.runtime.Invocation;
import dev.brisk.runtime.LocalLambda;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
#if( $idempotencyStore == 'dynamodb' )
import java.util.UUID;
#end
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
#if( $idempotencyStore == 'dynamodb' )
import org.junit.jupiter.api.extension.RegisterExtension;
#end

/**
 * The packaged jar, as serverless.yml deploys it (SnapStart and its priming included when on), under the real AWS
 * Lambda Runtime Interface Client.
 */
class QueueHandlerIT {

#if( $idempotencyStore == 'dynamodb' )
    /** The local DynamoDB the jar talks to: moto_server, started for the tests (LocalDynamoDb says what to install). */
    @RegisterExtension
    static final LocalDynamoDb DYNAMODB = new LocalDynamoDb();
    private static final String TABLE = "it-" + UUID.randomUUID();
#end
    private static final List<String> OUTPUT = Collections.synchronizedList(new ArrayList<>());
    private static String batch;
    /** events/batch.json: an order placed, an order cancelled, then a message without type and data. */
    private static List<String> messageIds;
    private static String invalid;
    private static LocalLambda lambda;
    private static Invocation first;

    @BeforeAll
    static void coldStart() throws IOException {
        batch = Files.readString(Path.of("events/batch.json"));
        messageIds = Batches.messageIds(parse(batch));
        invalid = messageIds.get(2);
        LocalLambda.Builder function = LocalLambda.fromServerlessYml(Path.of("serverless.yml")).output(line -> {
            OUTPUT.add(line);
            System.out.println(line);
        });
#if( $idempotencyStore == 'dynamodb' )
        DYNAMODB.createTable(TABLE);
        function.environment(Map.of(
                "IDEMPOTENCY_TABLE", TABLE,
                "AWS_ENDPOINT_URL_DYNAMODB", DYNAMODB.endpoint().toString()));
#end
        lambda = function.build();
        first = lambda.invoke(batch);
    }

    @AfterAll
    static void stop() {
        lambda.close();
#if( $idempotencyStore == 'dynamodb' )
        DYNAMODB.deleteTable(TABLE);
#end
    }

    @Test
    void aColdStartAnswersWithABatchResponseNotAFunctionError() {
        assertFalse(first.isError(), first.errorMessage());
        List<String> failed = Batches.failures(first.response());
        assertTrue(messageIds.containsAll(failed), "only ids of the batch: " + failed);
        assertTrue(failed.contains(invalid), "the invalid message is reported: " + failed);
        assertTrue(first.report().initDurationMs().isPresent(), "a cold start reports its init");
    }

#if( $idempotencyStore == 'dynamodb' )
    @Test
    void withDynamoDbOnlyTheInvalidRecordFailsAndARedeliveryIsNotAppliedAgain() {
#else
    @Test
    void onlyTheInvalidRecordFailsAndARedeliveryIsNotAppliedAgain() {
#end
        assertEquals(List.of(invalid), Batches.failures(first.response()));

        Invocation redelivery = lambda.invoke(batch);

        assertEquals(List.of(invalid), Batches.failures(redelivery.response()));
        assertEquals(1, applied("order.placed"), "applied once over two deliveries");
        assertTrue(redelivery.report().initDurationMs().isEmpty(), "a warm invoke has no init");
    }

    @Test
    void answersTheWarmUpSchedule() throws IOException {
        Invocation warm = lambda.invoke(Files.readString(Path.of("events/warmup.json")));

        assertEquals("{\"warmed\":true}", warm.response());
    }

    @Test
    void anEventThatIsNotAnSqsBatchIsAFunctionErrorSoLambdaRetriesAllOfIt() {
        Invocation garbage = lambda.invoke("{\"Records\": [{\"body\": \"a record without a messageId\"}]}");

        assertTrue(garbage.isError());
        assertEquals("java.lang.IllegalArgumentException", garbage.errorType());
    }

    /** How many times the function logged applying a message of this type. */
    private static long applied(String type) {
        synchronized (OUTPUT) {
            return OUTPUT.stream().filter(line -> line.contains("{\"event\":\"" + type + "\"")).count();
        }
    }

    private static Map<String, Object> parse(String json) {
        return new JSONObject(json).toMap();
    }
}
