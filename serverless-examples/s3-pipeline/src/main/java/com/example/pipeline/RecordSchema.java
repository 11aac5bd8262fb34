package com.example.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/**
 * The schema of one input record, checked on jackson-core's streaming parser (no objects built per record):
 * <pre>{"id": "A-17", "timestamp": "2026-11-26T10:15:30Z", "amount": 12.5, "currency": "EUR", "note": "optional"}</pre>
 * {@code id} 1–64 of {@code [A-Za-z0-9._:-]}; {@code timestamp} an ISO-8601 UTC instant; {@code amount} a number from
 * 0 to 1,000,000,000; {@code currency} three capital letters; {@code note} optional, at most 200 characters.
 * Nothing else: unknown and repeated fields are errors. Change this class to change the schema.
 */
final class RecordSchema {

    private static final int ID = 1;
    private static final int TIMESTAMP = 2;
    private static final int AMOUNT = 4;
    private static final int CURRENCY = 8;
    private static final int NOTE = 16;
    private static final int REQUIRED = ID | TIMESTAMP | AMOUNT | CURRENCY;
    private static final double MAX_AMOUNT = 1_000_000_000;

    private final JsonFactory factory;

    RecordSchema(int maxRecordBytes) {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(4)
                        .maxNumberLength(32)
                        .maxStringLength(maxRecordBytes)
                        .build())
                .build();
    }

    /** Null when the record is valid, else why not, in words that never quote the record. */
    String check(byte[] line, int offset, int length) {
        try (JsonParser p = factory.createParser(line, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "not a JSON object";
            }
            int seen = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String field = p.currentName();
                int bit = bit(field);
                if (bit == 0) {
                    return "unknown field '" + printable(field) + "'";
                }
                if ((seen & bit) != 0) {
                    return "field '" + field + "' appears twice";
                }
                seen |= bit;
                String error = value(bit, p.nextToken(), p);
                if (error != null) {
                    return field + ": " + error;
                }
            }
            if (p.nextToken() != null) {
                return "data after the JSON object";
            }
            int missing = REQUIRED & ~seen;
            return missing == 0 ? null : "missing field '" + name(Integer.lowestOneBit(missing)) + "'";
        } catch (IOException | RuntimeException e) {
            return "not valid JSON";
        }
    }

    /** Checks one value on the parser's own character buffer: no String is made per field. */
    private static String value(int field, JsonToken token, JsonParser p) throws IOException {
        if (field == AMOUNT) {
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                return "must be a number";
            }
            double amount = p.getDoubleValue();
            return amount >= 0 && amount <= MAX_AMOUNT ? null : "must be from 0 to 1000000000";
        }
        if (token != JsonToken.VALUE_STRING) {
            return "must be a string";
        }
        char[] text = p.getTextCharacters();
        int offset = p.getTextOffset();
        int length = p.getTextLength();
        return switch (field) {
            case ID -> id(text, offset, length);
            case TIMESTAMP -> Instants.check(text, offset, length);
            case CURRENCY -> currency(text, offset, length);
            default -> length <= 200 ? null : "must be at most 200 characters"; // NOTE
        };
    }

    private static String id(char[] text, int offset, int length) {
        if (length == 0 || length > 64) {
            return "must be 1 to 64 characters";
        }
        for (int i = offset; i < offset + length; i++) {
            char c = text[i];
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return "may hold only letters, digits and . _ : -";
            }
        }
        return null;
    }

    private static String currency(char[] text, int offset, int length) {
        if (length != 3) {
            return "must be three capital letters";
        }
        for (int i = offset; i < offset + 3; i++) {
            if (text[i] < 'A' || text[i] > 'Z') {
                return "must be three capital letters";
            }
        }
        return null;
    }

    private static int bit(String field) {
        return switch (field) {
            case "id" -> ID;
            case "timestamp" -> TIMESTAMP;
            case "amount" -> AMOUNT;
            case "currency" -> CURRENCY;
            case "note" -> NOTE;
            default -> 0;
        };
    }

    private static String name(int bit) {
        return switch (bit) {
            case ID -> "id";
            case TIMESTAMP -> "timestamp";
            case AMOUNT -> "amount";
            default -> "currency";
        };
    }

    /** Field names are echoed in reports: short, and only printable ASCII. */
    private static String printable(String field) {
        String cut = field.length() > 40 ? field.substring(0, 40) + "..." : field;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
