package com.example.consumer;

import com.amazonaws.services.lambda.runtime.Context;
import dev.brisk.lambda.SnapStart;
import dev.brisk.lambda.StreamHandler;
import dev.brisk.lambda.idempotency.DynamoDbIdempotencyStore;
import dev.brisk.lambda.idempotency.IdempotencyStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Entry point for SQS batches: applies each message once in effect and answers with the records SQS must deliver
 * again (ReportBatchItemFailures). A failed record never fails the others; only an event that is not an SQS batch
 * fails the invocation, and with it the whole batch.
 */
public final class QueueHandler extends StreamHandler {

    /** With less time than this left, the remaining records are reported failed rather than left to time out. */
    static final long TIME_MARGIN_MS = 1_000;

    private final Map<String, MessageAction> actions;
    private final IdempotencyStore store;

    public QueueHandler() {
        this(Orders.actions(), DynamoDbIdempotencyStore.fromEnvironment(ttl()));
        if (SnapStart.isSnapshotting()) {
            // Only for a snapshot: an on-demand start never loads the priming or CRaC
            SnapStart.register(new SnapStartPriming());
        }
    }

    QueueHandler(Map<String, MessageAction> actions, IdempotencyStore store) {
        this.actions = Map.copyOf(actions); // no action can be added or removed behind the handler's back
        this.store = store;
    }

    @Override
    protected void handleEvent(byte[] event, OutputStream output, Context context) throws IOException {
        String batch = new String(event, StandardCharsets.UTF_8);
        output.write(response(handle(batch, context.getRemainingTimeInMillis())).getBytes(StandardCharsets.UTF_8));
    }

    /** The messageIds SQS must deliver again, in batch order. Throws only for an event that is not an SQS batch. */
    List<String> handle(String event, long remainingMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(remainingMillis);
        List<String> failed = new ArrayList<>();
        for (SqsRecord record : SqsRecord.batch(event)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left < TIME_MARGIN_MS || apply(record, Duration.ofMillis(left)) != Outcome.APPLIED) {
                failed.add(record.messageId());
            }
        }
        return failed;
    }

    /** What became of a record. */
    enum Outcome {
        /** Applied now, or before (a duplicate): SQS may delete it. */
        APPLIED,
        /** Invalid: it will never apply; SQS moves it to the dead-letter queue after maxReceiveCount receives. */
        REJECTED,
        /** Failed for now (a downstream or store outage, or its id being applied elsewhere): deliver it again. */
        RETRY
    }

    private Outcome apply(SqsRecord record, Duration lease) {
        Message message;
        MessageAction action;
        try {
            message = Message.parse(record.body());
            action = actions.get(message.type());
            if (action == null) {
                throw new InvalidMessage("Unknown type '" + message.type() + "'.");
            }
        } catch (InvalidMessage e) {
            log("WARN", record.messageId(), "Rejected: " + e.getMessage());
            return Outcome.REJECTED;
        }
        IdempotencyStore.Claim claim;
        try {
            claim = store.claim(message.id(), lease);
        } catch (RuntimeException e) {
            log("ERROR", record.messageId(), "Idempotency store unavailable, retried later: " + e);
            return Outcome.RETRY;
        }
        if (claim != IdempotencyStore.Claim.ACQUIRED) {
            // DONE: a duplicate, already applied. IN_PROGRESS: its redelivery will find it done (or released).
            return claim == IdempotencyStore.Claim.DONE ? Outcome.APPLIED : Outcome.RETRY;
        }
        try {
            action.apply(message);
        } catch (InvalidMessage e) {
            release(message.id(), record.messageId());
            log("WARN", record.messageId(), "Rejected: " + e.getMessage());
            return Outcome.REJECTED;
        } catch (RuntimeException e) {
            release(message.id(), record.messageId());
            log("ERROR", record.messageId(), "Failed, retried later: " + e);
            e.printStackTrace();
            return Outcome.RETRY;
        }
        try {
            store.complete(message.id());
        } catch (RuntimeException e) {
            // Applied: reporting it failed would apply it again. Only a later duplicate may now slip through.
            log("ERROR", record.messageId(), "Applied, but not recorded as applied: " + e);
        }
        return Outcome.APPLIED;
    }

    private void release(String id, String messageId) {
        try {
            store.release(id);
        } catch (RuntimeException e) {
            // The claim lapses with its lease, before SQS delivers the message again
            log("ERROR", messageId, "Claim not released: " + e);
        }
    }

    /** {"batchItemFailures": [{"itemIdentifier": messageId}, ...]}: the SQSBatchResponse shape. */
    static String response(List<String> failed) {
        StringBuilder json = new StringBuilder("{\"batchItemFailures\":[");
        for (int i = 0; i < failed.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"itemIdentifier\":").append(Json.quote(failed.get(i))).append('}');
        }
        return json.append("]}").toString();
    }

    private static Duration ttl() {
        return Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("IDEMPOTENCY_TTL_SECONDS", "86400")));
    }

    /** One JSON line per record-level problem: its messageId and what happened, never the body. */
    private static void log(String level, String messageId, String text) {
        Map<String, String> line = new LinkedHashMap<>();
        line.put("level", level);
        line.put("messageId", messageId);
        line.put("message", text);
        System.out.println(Json.object(line));
    }
}
