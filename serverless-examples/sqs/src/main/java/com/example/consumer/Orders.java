package com.example.consumer;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** The message types this service consumes, each validating its data, then applying it. Add yours here. */
final class Orders {

    private final PrintStream out;

    /** {@code out}: where applied orders are reported, one JSON line each (the function's log). */
    Orders(PrintStream out) {
        this.out = out;
    }

    static Map<String, MessageAction> actions() {
        return new Orders(System.out).byType();
    }

    Map<String, MessageAction> byType() {
        return Map.of(
                "order.placed", this::placed,
                "order.cancelled", this::cancelled);
    }

    /** data: {"orderId": 1-64 chars, "quantity": 1-10000}. */
    void placed(Message message) {
        String orderId = message.text("orderId", 64);
        long quantity = message.whole("quantity", 1, 10_000);
        // Your effect goes here (a write, a call): the handler applies each message id once, see README
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "order.placed");
        line.put("id", message.id());
        line.put("orderId", orderId);
        line.put("quantity", quantity);
        out.println(Json.object(line));
    }

    /** data: {"orderId": 1-64 chars, "reason"?: up to 500 chars}. */
    void cancelled(Message message) {
        String orderId = message.text("orderId", 64);
        String reason = message.optionalText("reason", 500);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "order.cancelled");
        line.put("id", message.id());
        line.put("orderId", orderId);
        if (reason != null) {
            line.put("reason", reason);
        }
        out.println(Json.object(line));
    }
}
