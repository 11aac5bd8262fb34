package dev.brisk.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Two local runners' responses made comparable. Only what differs run to run is masked, explicitly: UUIDs
 * (generated ids, in bodies and Location headers) become {@code <uuid>}, ISO-8601 instants (createdAt) become
 * {@code <timestamp>}, unless the event itself holds them (an SQS message id reported as failed is compared as is).
 * A string holding JSON (an API Gateway body) is parsed, so key order and spacing do not matter.
 */
public final class InvokeResponses {

    static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:\\d{2})");
    private static final ObjectMapper JSON = new ObjectMapper();

    private InvokeResponses() {
    }

    public static JsonNode normalize(String response) {
        return normalize(response, "");
    }

    /** Masks the UUIDs and instants of the response that do not occur in the event. */
    public static JsonNode normalize(String response, String event) {
        Set<String> given = new HashSet<>();
        UUID.matcher(event).results().forEach(m -> given.add(m.group()));
        INSTANT.matcher(event).results().forEach(m -> given.add(m.group()));
        try {
            return normalize(JSON.readTree(response), given);
        } catch (IOException e) {
            return TextNode.valueOf(mask(response, given));
        }
    }

    private static JsonNode normalize(JsonNode node, Set<String> given) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), normalize(e.getValue(), given));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(n -> copy.add(normalize(n, given)));
            return copy;
        }
        if (node.isTextual()) {
            String text = node.asText().strip();
            if (text.startsWith("{") || text.startsWith("[")) {
                try {
                    return normalize(JSON.readTree(text), given);
                } catch (IOException e) {
                    // not JSON after all: compare as text
                }
            }
            return TextNode.valueOf(mask(node.asText(), given));
        }
        return node;
    }

    private static String mask(String text, Set<String> given) {
        String ids = UUID.matcher(text).replaceAll(m -> given.contains(m.group()) ? m.group() : "<uuid>");
        return INSTANT.matcher(ids).replaceAll(m -> given.contains(m.group()) ? m.group() : "<timestamp>");
    }
}
