package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.lambda.idempotency.DynamoDbIdempotencyStore;
import dev.brisk.lambda.idempotency.IdempotencyStore;
import dev.brisk.lambda.idempotency.InMemoryIdempotencyStore;
import dev.brisk.lambda.test.LocalDynamoDb;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The handler behind a real SQS protocol (ElasticMQ, in-process) and an emulated event source mapping: 1,000
 * messages of which 2% are poison and 5% duplicates, some failing once on the way (a duplicate of one of them too),
 * then duplicates of poison messages and messages that fail every time; the first invocations start short of time.
 * Every good message must be applied exactly once, every poison or ever-failing message must end in the dead-letter
 * queue after maxReceiveCount receives, and nothing may be lost. A second run has an execution environment die
 * between a message's action and its completion.
 */
class QueueEndToEndTest {

    private static final int MESSAGES = 1_000;
    /** Short, so that failed records come back quickly; serverless.yml's is 6 x the function timeout. */
    private static final int VISIBILITY_TIMEOUT_SECONDS = 1;
    /** The time an invocation of the fault run starts with: more than any batch takes. */
    private static final int INVOCATION_MILLIS = 60_000;
    /** Invocations of the fault run that start short of time, reporting their batch unapplied. */
    private static final int POLLS_SHORT_OF_TIME = 3;
    /**
     * A run ends when all is settled, or fails once nothing has moved for this long (a message lost or stuck), or
     * at {@link #DEADLINE}. Progress, not a fixed time: with moto_server on a loaded 2-core machine, the DynamoDB run
     * takes minutes, against some 30 s idle.
     */
    private static final Duration STALLED = Duration.ofSeconds(60);
    private static final Duration DEADLINE = Duration.ofMinutes(10);
    /** Execution environments polling at once; they share one store as they share the DynamoDB table. */
    private static final int ENVIRONMENTS = 4;
    /** moto_server, started on first use (LocalDynamoDb says what to install when it cannot be). */
    private static final LocalDynamoDb DYNAMODB = new LocalDynamoDb();

    private static SQSRestServer elasticMq;
    private static SqsClient sqs;

    @BeforeAll
    static void startSqs() {
        elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = elasticMq.waitUntilStarted().localAddress().getPort();
        sqs = SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stopSqs() {
        if (sqs != null) {
            sqs.close();
        }
        if (elasticMq != null) {
            elasticMq.stopAndWait();
        }
    }

    @Test
    void appliesEveryGoodMessageOnceParksEveryPoisonMessageAndLosesNothing() throws Exception {
        faultRun(new InMemoryIdempotencyStore(Duration.ofHours(1), 10_000, Clock.systemUTC()), ENVIRONMENTS);
    }

    /**
     * The same run against the DynamoDB store in a local DynamoDB, with one execution environment: moto_server does
     * not make a conditional write atomic, as DynamoDB does, so two environments could both claim one id there.
     */
    @Test
    void appliesEveryGoodMessageOnceWithTheDynamoDbStore() throws Exception {
        String table = "e2e-" + UUID.randomUUID();
        DYNAMODB.createTable(table);
        try {
            faultRun(DynamoDbIdempotencyStore.local(DYNAMODB.endpoint(), table, Duration.ofHours(1)), 1);
        } finally {
            DYNAMODB.deleteTable(table);
        }
    }

    @Test
    void aCrashBetweenTheActionAndItsCompletionAppliesThatMessageAgainAndNoOther() throws Exception {
        // The in-memory store stands in for the table, which outlives an execution environment
        IdempotencyStore table = new InMemoryIdempotencyStore(Duration.ofHours(1), 100, Clock.systemUTC());
        crashRun(() -> table, false);
    }

    @Test
    void aCrashBetweenTheActionAndItsCompletionWithTheDynamoDbStore() throws Exception {
        String table = "crash-" + UUID.randomUUID();
        DYNAMODB.createTable(table);
        try {
            IdempotencyStore store = DynamoDbIdempotencyStore.local(DYNAMODB.endpoint(), table, Duration.ofHours(1));
            crashRun(() -> store, false);
        } finally {
            DYNAMODB.deleteTable(table);
        }
    }

    private static void faultRun(IdempotencyStore store, int environmentCount) throws Exception {
        int maxReceiveCount = ServerlessConfig.read().maxReceiveCount();
        String dlqUrl = createDeadLetterQueue();
        String queueUrl = createQueue(dlqUrl, VISIBILITY_TIMEOUT_SECONDS, maxReceiveCount);

        // Arrange: message i is poison when i % 50 == 25, resends message i - 1 (same id) when i % 20 == 10
        Recorder recorder = new Recorder();
        Set<String> good = new LinkedHashSet<>();
        List<String> parkedBodies = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            String body;
            if (i % 50 == 25) {
                body = poison(i);
                parkedBodies.add(body);
            } else if (i % 20 == 10) {
                body = Batches.placed("order-" + (i - 1));
            } else {
                String id = "order-" + i;
                body = Batches.placed(id);
                good.add(id);
            }
            if (i % 100 == 3 || i % 100 == 49) {
                // A downstream outage: fails once, then succeeds. Message 49 is sent again as message 50
                recorder.failNextAttempt("order-" + i);
            }
            bodies.add(body);
            groups.add(group(i % 20 == 10 ? i - 1 : i)); // a duplicate keeps the original's group
        }
        // Then a second copy of a poison message of each kind, and messages whose every attempt fails, one of them
        // sent twice: all of these end in the dead-letter queue, each copy after maxReceiveCount receives
        for (int i : new int[] {25, 75, 125, 175}) {
            bodies.add(poison(i));
            parkedBodies.add(poison(i));
            groups.add(group(i));
        }
        for (String stuck : List.of("stuck-1", "stuck-2", "stuck-2")) {
            recorder.failEveryAttempt(stuck);
            bodies.add(Batches.placed(stuck));
            parkedBodies.add(Batches.placed(stuck));
            groups.add("group-" + stuck);
        }
        List<String> sqsIds = send(queueUrl, bodies, groups);

        // Act: the event source mapping polls until everything is settled, or the deadline passes
        EventSourceMapping mapping = new EventSourceMapping(sqs, queueUrl, arn(queueUrl), 10, INVOCATION_MILLIS);
        mapping.shortOfTime(POLLS_SHORT_OF_TIME);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService environments = Executors.newFixedThreadPool(environmentCount);
        for (int e = 0; e < environmentCount; e++) {
            QueueHandler handler = new QueueHandler(recorder.actions(), store);
            environments.submit(() -> {
                while (!stop.get()) {
                    mapping.poll(handler);
                }
                return null;
            });
        }
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        long lastMoved = System.nanoTime();
        List<Integer> last = List.of();
        while (System.nanoTime() < deadline && System.nanoTime() - lastMoved < STALLED.toNanos()) {
            List<Integer> now = List.of(recorder.applied().size(),
                    count(dlqUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                    count(queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                    count(queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                    mapping.deleted().size());
            if (now.get(0) == good.size() && now.get(1) == parkedBodies.size() && settled(queueUrl)) {
                break;
            }
            if (!now.equals(last)) {
                last = now;
                lastMoved = System.nanoTime();
            }
            Thread.sleep(100);
        }
        stop.set(true);
        environments.shutdown();
        assertTrue(environments.awaitTermination(10, TimeUnit.SECONDS), "pollers stop");

        // Assert
        assertEquals(List.of(), mapping.problems(), "no batch failed as a whole");
        Map<String, Integer> applied = recorder.applied();
        assertEquals(List.of(), good.stream().filter(id -> !applied.containsKey(id)).toList(),
                "good messages not applied");
        assertEquals(Map.of(), filter(applied, (id, times) -> times != 1), "messages applied more than once");
        assertEquals(good, applied.keySet(), "only good messages applied");
        assertTrue(settled(queueUrl), "the queue is empty, nothing in flight");
        Map<String, String> parked = dlqMessages(dlqUrl);
        assertEquals(sorted(parkedBodies), sorted(parked.values()),
                "every poison or ever-failing message, every copy, and only those, in the DLQ");
        Set<String> accounted = new HashSet<>(mapping.deleted());
        accounted.addAll(parked.keySet());
        assertEquals(Set.copyOf(sqsIds), accounted, "every message sent was either applied (deleted) or parked");
        assertEquals(bodies.size(), mapping.deleted().size() + parked.size(), "none both deleted and parked");
        assertEquals(Map.of(), filter(receivesOf(mapping, parked.keySet()), (id, n) -> n != maxReceiveCount),
                "parked messages received other than maxReceiveCount times");
        assertTrue(mapping.recordsShortOfTime() > 0, "some invocations started short of time");

        String stuck = sqsIds.get(bodies.indexOf(Batches.placed("stuck-1")));
        assertEquals(maxReceiveCount - mapping.receivesShortOfTime(stuck), recorder.attempts("stuck-1"),
                "a message failing every time is attempted at each receive with time for it, then parked");
        String firstCopy = sqsIds.get(bodies.indexOf(Batches.placed("stuck-2")));
        int attempts = recorder.attempts("stuck-2");
        assertTrue(attempts >= maxReceiveCount - mapping.receivesShortOfTime(firstCopy)
                && attempts <= 2 * maxReceiveCount,
                "two copies failing every time, each attempted at most maxReceiveCount times, " + attempts + " in all");
        for (int i = 49; i < MESSAGES; i += 100) {
            assertEquals(2, recorder.attempts("order-" + i),
                    "a message failing once, and its duplicate: one failed attempt, one applied, then acknowledged");
        }
    }

    /**
     * An execution environment dies just after a message's action, before the store records it applied. Its whole
     * batch comes back after the visibility timeout, by which time the message's claim has lapsed (a claim lasts at
     * most the invocation's time, the visibility timeout is longer): that message is applied a second time. A store
     * that outlives the environment acknowledges the batch's messages completed before the crash as duplicates; one
     * that dies with it ({@code storeDiesWithTheEnvironment}) has them applied again. Nothing is parked or lost.
     */
    private static void crashRun(Supplier<IdempotencyStore> storeOfAnEnvironment, boolean storeDiesWithTheEnvironment)
            throws Exception {
        int maxReceiveCount = ServerlessConfig.read().maxReceiveCount();
        String dlqUrl = createDeadLetterQueue();
        // As deployed, scaled down: the visibility timeout outlasts an invocation, hence any claim it made
        int invocationMillis = 2_000;
        String queueUrl = createQueue(dlqUrl, 3, maxReceiveCount);
        Recorder recorder = new Recorder();
        recorder.crashAfterApplying("crash-1");
        List<String> ids = List.of("before-1", "crash-1", "after-1");
        List<String> sqsIds = send(queueUrl, ids.stream().map(Batches::placed).toList(),
                List.of("group-crash", "group-crash", "group-crash"));

        EventSourceMapping mapping = new EventSourceMapping(sqs, queueUrl, arn(queueUrl), 10, invocationMillis);
        QueueHandler environment = new QueueHandler(recorder.actions(), storeOfAnEnvironment.get());
        Set<String> appliedBeforeTheCrash = Set.of();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline && !(recorder.applied().size() == ids.size() && settled(queueUrl))) {
            int crashes = mapping.crashes();
            mapping.poll(environment);
            if (mapping.crashes() > crashes) {
                appliedBeforeTheCrash = Set.copyOf(recorder.sequence());
                environment = new QueueHandler(recorder.actions(), storeOfAnEnvironment.get()); // a fresh one
            }
        }

        assertEquals(List.of(), mapping.problems());
        assertEquals(1, mapping.crashes(), "one environment died");
        Map<String, Integer> expected = new HashMap<>();
        ids.forEach(id -> expected.put(id, 1));
        if (storeDiesWithTheEnvironment) {
            appliedBeforeTheCrash.forEach(id -> expected.put(id, 2));
        } else {
            expected.put("crash-1", 2);
        }
        assertEquals(expected, recorder.applied(), storeDiesWithTheEnvironment
                ? "what the crashed environment had applied is applied again"
                : "only the message applied but not completed is applied again");
        assertTrue(mapping.receives(sqsIds.get(1)) >= 2, "redelivered after the crash");
        assertTrue(settled(queueUrl), "the queue is empty, nothing in flight");
        assertEquals(0, count(dlqUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES), "nothing parked");
        assertEquals(Set.copyOf(sqsIds), mapping.deleted(), "every message deleted once applied");
    }

    /** Sends the bodies in batches of 10 (FIFO: each in its group); their SQS messageIds, in the same order. */
    private static List<String> send(String queueUrl, List<String> bodies, List<String> groups) {
        String[] sqsIds = new String[bodies.size()];
        for (int from = 0; from < bodies.size(); from += 10) {
            List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
            for (int i = from; i < Math.min(from + 10, bodies.size()); i++) {
                SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i)).messageBody(bodies.get(i));
                batch.add(entry.build());
            }
            var sent = sqs.sendMessageBatch(send -> send.queueUrl(queueUrl).entries(batch));
            assertEquals(List.of(), sent.failed());
            sent.successful().forEach(ok -> sqsIds[Integer.parseInt(ok.id())] = ok.messageId());
        }
        List<String> ids = List.of(sqsIds);
        assertEquals(bodies.size(), Set.copyOf(ids).size(), "every send is one SQS message");
        return ids;
    }

    private static Map<String, Integer> receivesOf(EventSourceMapping mapping, Set<String> sqsIds) {
        Map<String, Integer> receives = new HashMap<>();
        sqsIds.forEach(id -> receives.put(id, mapping.receives(id)));
        return receives;
    }

    private static List<String> sorted(Collection<String> values) {
        return values.stream().sorted().toList();
    }

    private static String group(int i) {
        return "group-" + i; // unused: a standard queue has no groups
    }

    private static Map<String, Integer> filter(Map<String, Integer> map, BiPredicate<String, Integer> keep) {
        Map<String, Integer> kept = new TreeMap<>();
        map.forEach((k, v) -> {
            if (keep.test(k, v)) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    /** Poison of several kinds: broken JSON, a broken contract, an unknown type, data an order rejects. */
    private static String poison(int i) {
        return switch ((i / 50) % 4) {
            case 0 -> "{\"id\":\"poison-" + i + "\",";
            case 1 -> "{\"id\":\"poison-" + i + "\",\"type\":\"order.placed\",\"data\":{}}";
            case 2 -> Batches.placed("poison-" + i).replace("order.placed", "order.teleported");
            default -> Batches.placed("poison-" + i).replace("\"quantity\":2", "\"quantity\":-2");
        };
    }

    private static String createDeadLetterQueue() {
        return createQueue("consumer-dlq", Map.of());
    }

    /** The queue, redriving to the dead-letter queue as serverless.yml's does. */
    private static String createQueue(String dlqUrl, int visibilityTimeoutSeconds, int maxReceiveCount) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds));
        attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + arn(dlqUrl)
                + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}");
        return createQueue("consumer", attributes);
    }

    /** A queue of its own for this run; FIFO names end in .fifo. */
    private static String createQueue(String name, Map<QueueAttributeName, String> attributes) {
        String unique = name + "-" + System.nanoTime() + ("true".equals(attributes.get(QueueAttributeName.FIFO_QUEUE))
                ? ".fifo" : "");
        return sqs.createQueue(create -> create.queueName(unique).attributes(attributes)).queueUrl();
    }

    private static String arn(String queueUrl) {
        return sqs.getQueueAttributes(get -> get.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static int count(String queueUrl, QueueAttributeName attribute) {
        return Integer.parseInt(sqs.getQueueAttributes(get -> get.queueUrl(queueUrl).attributeNames(attribute))
                .attributes().get(attribute));
    }

    /** Nothing visible, nothing in flight, nothing delayed. */
    private static boolean settled(String queueUrl) {
        return count(queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) == 0
                && count(queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE) == 0
                && count(queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED) == 0;
    }

    /** Drains the dead-letter queue: SQS messageId to body. */
    private static Map<String, String> dlqMessages(String dlqUrl) {
        Map<String, String> parked = new HashMap<>();
        while (true) {
            var messages = sqs.receiveMessage(receive -> receive.queueUrl(dlqUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(30)).messages();
            if (messages.isEmpty()) {
                return parked;
            }
            messages.forEach(m -> parked.put(m.messageId(), m.body()));
        }
    }
}
