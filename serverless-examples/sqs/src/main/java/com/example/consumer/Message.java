package com.example.consumer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The message contract: {"id", "type", "occurredAt", "data"}. {@code id} names the message (a resend keeps it),
 * {@code occurredAt} is ISO-8601 with an offset, {@code data} an object whose shape the type defines. Fields a
 * producer adds beyond these are ignored, so producers can evolve first.
 */
record Message(String id, String type, Instant occurredAt, Map<String, Object> data) {

    static final int MAX_ID_LENGTH = 128;
    static final int MAX_TYPE_LENGTH = 64;

    /** Parses and validates a record's body; throws InvalidMessage saying what is wrong. */
    static Message parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidMessage("The body is empty.");
        }
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessage("The body is not valid JSON: " + e.getMessage() + ".");
        }
        if (!(parsed instanceof Map<?, ?> fields)) {
            throw new InvalidMessage("The body must be a JSON object.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> message = (Map<String, Object>) fields;
        String id = text(message, "", "id", MAX_ID_LENGTH);
        String type = text(message, "", "type", MAX_TYPE_LENGTH);
        Instant occurredAt = timestamp(message.get("occurredAt"));
        if (!(message.get("data") instanceof Map<?, ?> data)) {
            throw new InvalidMessage("Field 'data' must be a JSON object.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) data;
        return new Message(id, type, occurredAt, typed);
    }

    /** A required string field of {@code data}, 1 to {@code maxLength} characters after trimming. */
    String text(String field, int maxLength) {
        return text(data, "data.", field, maxLength);
    }

    /** An optional string field of {@code data}: null when absent. */
    String optionalText(String field, int maxLength) {
        return data.get(field) == null ? null : text(data, "data.", field, maxLength);
    }

    /** A required whole-number field of {@code data} within [min, max]. */
    long whole(String field, long min, long max) {
        Object value = data.get(field);
        if (!(value instanceof Integer || value instanceof Long)) {
            throw new InvalidMessage("Field 'data." + field + "' must be a whole number.");
        }
        long number = ((Number) value).longValue();
        if (number < min || number > max) {
            throw new InvalidMessage("Field 'data." + field + "' must be between " + min + " and " + max + ".");
        }
        return number;
    }

    private static String text(Map<String, Object> fields, String prefix, String field, int maxLength) {
        if (!(fields.get(field) instanceof String value) || value.isBlank() || value.strip().length() > maxLength) {
            throw new InvalidMessage("Field '" + prefix + field + "' must be a string of 1 to " + maxLength
                    + " characters.");
        }
        return value.strip();
    }

    private static Instant timestamp(Object value) {
        if (value instanceof String text) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                // fall through to the one message for every wrong shape
            }
        }
        throw new InvalidMessage("Field 'occurredAt' must be an ISO-8601 timestamp with an offset, "
                + "such as 2026-01-31T12:00:00Z.");
    }
}
