package ${package};

import dev.brisk.lambda.test.TestContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS event source mapping, small: receives a batch, hands the handler the event Lambda would send, and
 * deletes the records the response did not report failed. A failed record stays, to reappear after the queue's
 * visibility timeout; SQS itself moves a message to the dead-letter queue after maxReceiveCount receives. A handler
 * that throws, or a response naming a record that was not in the batch, fails the whole batch, as on Lambda. An
 * execution environment that dies ({@link Recorder.Crash}) answers nothing: its whole batch comes back.
 */
final class EventSourceMapping {

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final int batchSize;
    private final int invocationMillis;
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> receives = new ConcurrentHashMap<>();
    private final Map<String, Integer> receivesShortOfTime = new ConcurrentHashMap<>();
    private final AtomicInteger shortOfTime = new AtomicInteger();
    private final AtomicInteger crashes = new AtomicInteger();
    private final List<String> problems = new ArrayList<>();

    /** {@code invocationMillis}: the time each invocation starts with (the function's timeout). */
    EventSourceMapping(SqsClient sqs, String queueUrl, String queueArn, int batchSize, int invocationMillis) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.batchSize = batchSize;
        this.invocationMillis = invocationMillis;
    }

    /**
     * The next {@code polls} invocations start with less time than the handler's margin, as one does when the
     * function is slow to start: the handler must report every record of their batches without applying any.
     */
    void shortOfTime(int polls) {
        shortOfTime.set(polls);
    }

    /** One poll with one handler (one execution environment); returns how many records it delivered. */
    int poll(QueueHandler handler) {
        List<Message> messages = sqs.receiveMessage(receive -> receive.queueUrl(queueUrl)
                .maxNumberOfMessages(batchSize)
                .waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (messages.isEmpty()) {
            return 0;
        }
        boolean hurried = shortOfTime.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
        List<Map<String, Object>> records = new ArrayList<>();
        List<String> inBatch = new ArrayList<>();
        for (Message message : messages) {
            records.add(record(message));
            inBatch.add(message.messageId());
            receives.merge(message.messageId(), 1, Integer::sum);
            if (hurried) {
                receivesShortOfTime.merge(message.messageId(), 1, Integer::sum);
            }
        }
        List<String> failed;
        try {
            String response = Batches.run(handler, Batches.bytes(Map.of("Records", records)),
                    new TestContext(hurried ? (int) QueueHandler.TIME_MARGIN_MS - 1 : invocationMillis));
            failed = Batches.failures(response);
        } catch (Recorder.Crash e) {
            crashes.incrementAndGet();
            return messages.size();
        } catch (RuntimeException | AssertionError e) {
            problem("the handler failed the whole batch: " + e);
            return messages.size();
        }
        if (!new HashSet<>(inBatch).containsAll(failed)) {
            problem("the response names records outside the batch: " + failed + " not all in " + inBatch);
            return messages.size();
        }
        if (hurried && !failed.equals(inBatch)) {
            problem("an invocation short of time did not report its whole batch: " + failed + " of " + inBatch);
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(done.size()))
                        .receiptHandle(message.receiptHandle())
                        .build());
                deleted.add(message.messageId());
            }
        }
        if (!done.isEmpty()) {
            DeleteMessageBatchResponse response =
                    sqs.deleteMessageBatch(delete -> delete.queueUrl(queueUrl).entries(done));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                problem("deletes failed: " + response.failed());
            }
        }
        return messages.size();
    }

    /** The SQS messageIds this mapping deleted after the handler applied them. */
    Set<String> deleted() {
        return Set.copyOf(deleted);
    }

    /** How many times this SQS message was received. */
    int receives(String messageId) {
        return receives.getOrDefault(messageId, 0);
    }

    /** How many of those receives came in an invocation short of time, which applies nothing. */
    int receivesShortOfTime(String messageId) {
        return receivesShortOfTime.getOrDefault(messageId, 0);
    }

    /** Records received by invocations short of time, over the run. */
    int recordsShortOfTime() {
        return receivesShortOfTime.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Execution environments that died mid-batch. */
    int crashes() {
        return crashes.get();
    }

    /** Whatever would have made Lambda retry a whole batch; empty when all went as it should. */
    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    private synchronized void problem(String problem) {
        problems.add(problem);
    }

    /** The record as Lambda builds it from a received message. */
    private Map<String, Object> record(Message message) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("messageId", message.messageId());
        record.put("receiptHandle", message.receiptHandle());
        record.put("body", message.body());
        record.put("attributes", message.attributesAsStrings());
        record.put("messageAttributes", Map.of());
        record.put("md5OfBody", message.md5OfBody());
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", queueArn);
        record.put("awsRegion", "us-east-1");
        return record;
    }
}
