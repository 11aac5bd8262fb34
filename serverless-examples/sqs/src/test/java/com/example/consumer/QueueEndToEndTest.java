package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.lambda.idempotency.IdempotencyStore;
import dev.brisk.lambda.idempotency.InMemoryIdempotencyStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;
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
 * messages of which 2% are poison and 5% duplicates, some failing once on the way. Every good message must be
 * applied exactly once, every poison message must end in the dead-letter queue, and nothing may be lost.
 */
class QueueEndToEndTest {

    private static final int MESSAGES = 1_000;
    /** Short, so that failed records come back quickly; serverless.yml's is 6 x the function timeout. */
    private static final int VISIBILITY_TIMEOUT_SECONDS = 1;
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    /** Execution environments polling at once; they share one store as they share the DynamoDB table. */
    private static final int ENVIRONMENTS = 4;

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
        int maxReceiveCount = ServerlessConfig.read().maxReceiveCount();
        String dlqUrl = createQueue("consumer-dlq", Map.of());
        String queueUrl = createQueue("consumer", Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(VISIBILITY_TIMEOUT_SECONDS),
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + arn(dlqUrl)
                        + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}"));

        // Arrange: message i is poison when i % 50 == 25, resends message i - 1 (same id) when i % 20 == 10
        Recorder recorder = new Recorder();
        Set<String> good = new LinkedHashSet<>();
        Set<String> poisonBodies = new HashSet<>();
        Set<String> sentMessageIds = new HashSet<>();
        List<SendMessageBatchRequestEntry> sends = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            String body;
            if (i % 50 == 25) {
                body = poison(i);
                poisonBodies.add(body);
            } else if (i % 20 == 10) {
                body = Batches.placed("order-" + (i - 1));
            } else {
                String id = "order-" + i;
                body = Batches.placed(id);
                good.add(id);
            }
            if (i % 100 == 3) {
                recorder.failNextAttempt("order-" + i); // a downstream outage: fails once, then succeeds
            }
            SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i % 10)).messageBody(body);
            sends.add(entry.build());
            if (sends.size() == 10) {
                List<SendMessageBatchRequestEntry> batch = List.copyOf(sends);
                var sent = sqs.sendMessageBatch(send -> send.queueUrl(queueUrl).entries(batch));
                assertEquals(List.of(), sent.failed());
                sent.successful().forEach(ok -> sentMessageIds.add(ok.messageId()));
                sends.clear();
            }
        }
        assertEquals(MESSAGES, sentMessageIds.size(), "every send is one SQS message");

        // Act: the event source mapping polls until everything is settled, or the deadline passes
        EventSourceMapping mapping = new EventSourceMapping(sqs, queueUrl, arn(queueUrl), 10);
        IdempotencyStore store = new InMemoryIdempotencyStore(Duration.ofHours(1), 10_000, Clock.systemUTC());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService environments = Executors.newFixedThreadPool(ENVIRONMENTS);
        for (int e = 0; e < ENVIRONMENTS; e++) {
            QueueHandler handler = new QueueHandler(recorder.actions(), store);
            environments.submit(() -> {
                while (!stop.get()) {
                    mapping.poll(handler);
                }
                return null;
            });
        }
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline && !(recorder.applied().size() == good.size()
                && count(dlqUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) == poisonBodies.size()
                && settled(queueUrl))) {
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
        assertEquals(poisonBodies, new HashSet<>(parked.values()), "every poison message, and only those, in the DLQ");
        Set<String> accounted = new HashSet<>(mapping.deleted());
        accounted.addAll(parked.keySet());
        assertEquals(sentMessageIds, accounted, "every message sent was either applied (deleted) or parked");
        assertEquals(MESSAGES, mapping.deleted().size() + parked.size(), "none both deleted and parked");
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
