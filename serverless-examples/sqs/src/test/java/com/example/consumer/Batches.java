package com.example.consumer;

import dev.brisk.lambda.test.TestContext;
import dev.brisk.lambda.test.TestEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.json.JSONObject;

/** Test helper: SQS events built on a real record from src/test/resources, run through a handler. */
final class Batches {

    private Batches() {
    }

    /** A real SQS event from the test resources, as a mutable map. */
    static Map<String, Object> event(String resource) {
        return new LinkedHashMap<>(new JSONObject(TestEvents.text(resource)).toMap());
    }

    /** The messageIds of a real event's records, in order. */
    @SuppressWarnings("unchecked")
    static List<String> messageIds(Map<String, Object> event) {
        List<String> ids = new ArrayList<>();
        for (Object record : (List<Object>) event.get("Records")) {
            ids.add((String) ((Map<String, Object>) record).get("messageId"));
        }
        return ids;
    }

    /** The second record of the real sqs-event.json with this messageId and body (null: no body at all). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> record(String messageId, String body) {
        Map<String, Object> record = new LinkedHashMap<>(
                (Map<String, Object>) ((List<Object>) event("sqs-event.json").get("Records")).get(1));
        record.put("messageId", messageId);
        if (body == null) {
            record.remove("body");
        } else {
            record.put("body", body);
        }
        return record;
    }

    @SafeVarargs
    static Map<String, Object> batch(Map<String, Object>... records) {
        return new LinkedHashMap<>(Map.of("Records", List.of(records)));
    }

    /** A valid order.placed message body. */
    static String placed(String id) {
        return "{\"id\":\"" + id + "\",\"type\":\"order.placed\",\"occurredAt\":\"2026-01-31T12:00:00Z\","
                + "\"data\":{\"orderId\":\"order-" + id + "\",\"quantity\":2}}";
    }

    static byte[] bytes(Map<String, Object> event) {
        return new JSONObject(event).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Runs the event through handleRequest and returns the reported itemIdentifiers, in order. */
    static List<String> failures(QueueHandler handler, Map<String, Object> event) {
        return failures(run(handler, bytes(event), new TestContext()));
    }

    static String run(QueueHandler handler, byte[] event, TestContext context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The itemIdentifiers of an SQSBatchResponse, checking its shape on the way. */
    @SuppressWarnings("unchecked")
    static List<String> failures(String response) {
        Map<String, Object> parsed = new JSONObject(response).toMap();
        if (!parsed.keySet().equals(Set.of("batchItemFailures"))) {
            throw new AssertionError("not an SQSBatchResponse: " + response);
        }
        List<String> ids = new ArrayList<>();
        for (Object failure : (List<Object>) parsed.get("batchItemFailures")) {
            Map<String, Object> item = (Map<String, Object>) failure;
            if (!item.keySet().equals(Set.of("itemIdentifier"))) {
                throw new AssertionError("not a batch item failure: " + item);
            }
            ids.add((String) item.get("itemIdentifier"));
        }
        return ids;
    }
}
