package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The template's two actions, each reporting what it applied as one JSON line. */
class OrdersTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, MessageAction> actions = new Orders(new PrintStream(out, true, StandardCharsets.UTF_8))
            .byType();

    @Test
    void handlesTheTwoOrderTypes() {
        assertEquals(Set.of("order.placed", "order.cancelled"), actions.keySet());
    }

    @Test
    void anOrderPlacedIsReportedWithItsOrderAndQuantity() {
        actions.get("order.placed").apply(message("p1", "order.placed", "{\"orderId\":\" o-1 \",\"quantity\":3}"));

        assertEquals("{\"event\":\"order.placed\",\"id\":\"p1\",\"orderId\":\"o-1\",\"quantity\":3}\n", output());
    }

    @Test
    void anOrderCancelledIsReportedWithItsReasonWhenItHasOne() {
        actions.get("order.cancelled").apply(message("c1", "order.cancelled", "{\"orderId\":\"o-1\"}"));
        actions.get("order.cancelled").apply(message("c2", "order.cancelled",
                "{\"orderId\":\"o-2\",\"reason\":\"late\"}"));

        assertEquals("{\"event\":\"order.cancelled\",\"id\":\"c1\",\"orderId\":\"o-1\"}\n"
                + "{\"event\":\"order.cancelled\",\"id\":\"c2\",\"orderId\":\"o-2\",\"reason\":\"late\"}\n", output());
    }

    @Test
    void dataItsTypeRejectsIsInvalidAndReportsNothing() {
        assertThrows(InvalidMessage.class, () -> actions.get("order.placed")
                .apply(message("p1", "order.placed", "{\"orderId\":\"o-1\",\"quantity\":10001}")));
        assertThrows(InvalidMessage.class, () -> actions.get("order.cancelled")
                .apply(message("c1", "order.cancelled", "{\"reason\":\"no order\"}")));

        assertEquals("", output());
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    private static Message message(String id, String type, String data) {
        return Message.parse("{\"id\":\"" + id + "\",\"type\":\"" + type
                + "\",\"occurredAt\":\"2026-01-31T12:00:00Z\",\"data\":" + data + "}");
    }
}
