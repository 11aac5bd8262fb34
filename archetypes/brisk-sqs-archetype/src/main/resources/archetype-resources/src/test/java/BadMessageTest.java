package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brisk.lambda.idempotency.InMemoryIdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every broken message fails its own record only: its neighbours in the batch are applied, nothing throws. */
class BadMessageTest {

    static Stream<Arguments> badBodies() {
        return Stream.of(
                bad("no body at all", null),
                bad("empty body", ""),
                bad("blank body", "  \n "),
                bad("plain text", "Test message."),
                bad("truncated JSON", "{\"id\":\"x\",\"type\":\"order.pla"),
                bad("JSON array", "[" + Batches.placed("x") + "]"),
                bad("JSON string", "\"order.placed\""),
                bad("JSON null", "null"),
                bad("trailing data", Batches.placed("x") + " {}"),
                bad("duplicate field", "{\"id\":\"x\",\"id\":\"y\",\"type\":\"order.placed\","
                        + "\"occurredAt\":\"2026-01-31T12:00:00Z\",\"data\":{\"orderId\":\"o\",\"quantity\":1}}"),
                bad("nesting deeper than 32", message("x", "order.placed", "2026-01-31T12:00:00Z",
                        "{\"orderId\":\"o\",\"quantity\":1,\"deep\":" + "[".repeat(40) + "]".repeat(40) + "}")),
                bad("missing id", "{\"type\":\"order.placed\",\"occurredAt\":\"2026-01-31T12:00:00Z\","
                        + "\"data\":{\"orderId\":\"o\",\"quantity\":1}}"),
                bad("id as a number", Batches.placed("x").replace("\"id\":\"x\"", "\"id\":1234")),
                bad("blank id", Batches.placed("x").replace("\"id\":\"x\"", "\"id\":\"  \"")),
                bad("id too long", Batches.placed("x".repeat(Message.MAX_ID_LENGTH + 1))),
                bad("missing type", "{\"id\":\"x\",\"occurredAt\":\"2026-01-31T12:00:00Z\",\"data\":{}}"),
                bad("type as an object", message("x", null, "2026-01-31T12:00:00Z", "{}")
                        .replace("\"type\":null", "\"type\":{\"name\":\"order.placed\"}")),
                bad("unknown type", message("x", "order.shipped", "2026-01-31T12:00:00Z", "{\"orderId\":\"o\"}")),
                bad("missing occurredAt", "{\"id\":\"x\",\"type\":\"order.placed\","
                        + "\"data\":{\"orderId\":\"o\",\"quantity\":1}}"),
                bad("occurredAt not a date", message("x", "order.placed", "yesterday",
                        "{\"orderId\":\"o\",\"quantity\":1}")),
                bad("occurredAt without an offset", message("x", "order.placed", "2026-01-31T12:00:00",
                        "{\"orderId\":\"o\",\"quantity\":1}")),
                bad("occurredAt as epoch millis", Batches.placed("x")
                        .replace("\"2026-01-31T12:00:00Z\"", "1769860800000")),
                bad("missing data", "{\"id\":\"x\",\"type\":\"order.placed\",\"occurredAt\":\"2026-01-31T12:00:00Z\"}"),
                bad("data as an array", message("x", "order.placed", "2026-01-31T12:00:00Z", "[]")),
                bad("data as a string", message("x", "order.placed", "2026-01-31T12:00:00Z", "\"o:1\"")),
                bad("order without orderId", message("x", "order.placed", "2026-01-31T12:00:00Z", "{\"quantity\":1}")),
                bad("quantity zero", message("x", "order.placed", "2026-01-31T12:00:00Z",
                        "{\"orderId\":\"o\",\"quantity\":0}")),
                bad("quantity as a string", message("x", "order.placed", "2026-01-31T12:00:00Z",
                        "{\"orderId\":\"o\",\"quantity\":\"1\"}")),
                bad("quantity with a fraction", message("x", "order.placed", "2026-01-31T12:00:00Z",
                        "{\"orderId\":\"o\",\"quantity\":1.5}")),
                bad("number longer than 64 digits", message("x", "order.placed", "2026-01-31T12:00:00Z",
                        "{\"orderId\":\"o\",\"quantity\":" + "9".repeat(80) + "}")),
                bad("cancellation reason too long", message("x", "order.cancelled", "2026-01-31T12:00:00Z",
                        "{\"orderId\":\"o\",\"reason\":\"" + "r".repeat(501) + "\"}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void failsOnlyItsOwnRecord(String description, String body) {
        Recorder recorder = new Recorder();
        QueueHandler handler = new QueueHandler(recorder.actions(),
                new InMemoryIdempotencyStore(Duration.ofHours(1), 100, Clock.systemUTC()));

        List<String> failed = Batches.failures(handler, Batches.batch(
                Batches.record("before", Batches.placed("good-1")),
                Batches.record("bad", body),
                Batches.record("after", Batches.placed("good-2"))));

        assertEquals(List.of("bad"), failed, description);
        assertEquals(List.of("good-1", "good-2"), recorder.sequence());
    }

    private static Arguments bad(String description, String body) {
        return Arguments.of(description, body);
    }

    private static String message(String id, String type, String occurredAt, String data) {
        return "{\"id\":\"" + id + "\",\"type\":" + (type == null ? "null" : "\"" + type + "\"")
                + ",\"occurredAt\":\"" + occurredAt + "\",\"data\":" + data + "}";
    }
}
