package dev.brisk.deploy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The warm-up payload every Brisk handler answers before anything else. */
final class Warmers {

    static final ObjectNode PAYLOAD = JsonNodeFactory.instance.objectNode().put("warmer", true);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Warmers() {
    }

    /** True when a target's Input (a JSON string in CloudFormation) is exactly the warm-up payload. */
    static boolean isWarmUpInput(JsonNode input) {
        if (!input.isTextual()) {
            return false;
        }
        try {
            return PAYLOAD.equals(JSON.readTree(input.asText()));
        } catch (IOException e) {
            return false;
        }
    }
}
