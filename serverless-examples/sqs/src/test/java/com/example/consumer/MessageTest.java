package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract at its edges: what is accepted, exactly as it is read. BadMessageTest holds what is refused. */
class MessageTest {

    @Test
    void readsEveryFieldOfTheContractWithTheTimestampAsAnInstant() {
        Message message = Message.parse("{\"id\":\" m-1 \",\"type\":\"order.cancelled\","
                + "\"occurredAt\":\"2026-01-31T13:00:00+01:00\",\"data\":{\"orderId\":\"o\"},\"extra\":true}");

        assertEquals("m-1", message.id(), "trimmed");
        assertEquals("order.cancelled", message.type());
        assertEquals(Instant.parse("2026-01-31T12:00:00Z"), message.occurredAt());
        assertEquals(Map.of("orderId", "o"), message.data());
    }

    @Test
    void idsAndTypesUpToTheirLimitsAreAccepted() {
        String id = "i".repeat(Message.MAX_ID_LENGTH);
        String type = "t".repeat(Message.MAX_TYPE_LENGTH);

        Message message = Message.parse("{\"id\":\"" + id + "\",\"type\":\"" + type
                + "\",\"occurredAt\":\"2026-01-31T12:00:00Z\",\"data\":{}}");

        assertEquals(id, message.id());
        assertEquals(type, message.type());
    }

    @Test
    void textFieldsOfDataAreTrimmedAndHeldToTheirLength() {
        Message message = data("{\"orderId\":\"  order-1 \",\"exact\":\"abc\",\"long\":\"abcd\"}");

        assertEquals("order-1", message.text("orderId", 64));
        assertEquals("abc", message.text("exact", 3));
        assertThrows(InvalidMessage.class, () -> message.text("long", 3));
        assertEquals("abc", message.optionalText("exact", 3));
        assertNull(message.optionalText("absent", 3));
        assertThrows(InvalidMessage.class, () -> message.optionalText("long", 3));
    }

    @Test
    void wholeNumbersAreReadWithinTheirBoundsBothIncluded() {
        Message message = data("{\"min\":1,\"max\":10000,\"below\":0,\"above\":10001,\"big\":5000000000}");

        assertEquals(1, message.whole("min", 1, 10_000));
        assertEquals(10_000, message.whole("max", 1, 10_000));
        assertEquals(5_000_000_000L, message.whole("big", 1, 6_000_000_000L));
        assertThrows(InvalidMessage.class, () -> message.whole("below", 1, 10_000));
        assertThrows(InvalidMessage.class, () -> message.whole("above", 1, 10_000));
    }

    private static Message data(String data) {
        return Message.parse("{\"id\":\"x\",\"type\":\"t\",\"occurredAt\":\"2026-01-31T12:00:00Z\",\"data\":" + data
                + "}");
    }
}
