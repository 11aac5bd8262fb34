package com.example.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The parts of an SQS record the handler uses: its id and its body (null when absent). */
record SqsRecord(String messageId, String body) {

    /**
     * The records of an SQS event, in order. Throws IllegalArgumentException when the event is not one, or when a
     * record has no messageId: such a record cannot be reported failed, so the whole batch must be.
     */
    static List<SqsRecord> batch(String event) {
        if (!(Json.parse(event) instanceof Map<?, ?> root) || !(root.get("Records") instanceof List<?> records)) {
            throw new IllegalArgumentException("Not an SQS event: no Records array.");
        }
        List<SqsRecord> batch = new ArrayList<>(records.size());
        for (Object item : records) {
            if (!(item instanceof Map<?, ?> record) || !(record.get("messageId") instanceof String id)
                    || id.isEmpty()) {
                throw new IllegalArgumentException("An SQS record without a messageId: the batch cannot be split.");
            }
            String body = record.get("body") instanceof String text ? text : null;
            batch.add(new SqsRecord(id, body));
        }
        return batch;
    }
}
