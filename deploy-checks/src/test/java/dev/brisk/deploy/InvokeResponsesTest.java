package dev.brisk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class InvokeResponsesTest {

    @Test
    void generatedIdsAndTimestampsAreMaskedEverywhere() {
        String osls = "{\"statusCode\":201,\"headers\":{\"location\":\"/items/6a23074f-577a-464e-af32-8a37f243b00f\"},"
                + "\"body\":\"{\\\"id\\\":\\\"6a23074f-577a-464e-af32-8a37f243b00f\\\",\\\"createdAt\\\":\\\"2026-11-26T18:41:48.785097416Z\\\"}\"}";
        String brisk = "{\"headers\":{\"location\":\"/items/0b7c2e51-1f3a-4c55-9d0e-2a9b8c7d6e5f\"},\"statusCode\":201,"
                + "\"body\":\"{\\\"createdAt\\\": \\\"2026-11-26T18:45:00Z\\\", \\\"id\\\": \\\"0b7c2e51-1f3a-4c55-9d0e-2a9b8c7d6e5f\\\"}\"}";

        assertEquals(InvokeResponses.normalize(osls), InvokeResponses.normalize(brisk));
    }

    @Test
    void anyOtherDifferenceRemains() {
        String created = "{\"statusCode\":201,\"body\":\"{\\\"name\\\":\\\"Espresso beans\\\"}\"}";
        String renamed = "{\"statusCode\":201,\"body\":\"{\\\"name\\\":\\\"Espresso\\\"}\"}";
        String status = "{\"statusCode\":200,\"body\":\"{\\\"name\\\":\\\"Espresso beans\\\"}\"}";

        assertNotEquals(InvokeResponses.normalize(created), InvokeResponses.normalize(renamed));
        assertNotEquals(InvokeResponses.normalize(created), InvokeResponses.normalize(status));
    }

    @Test
    void idsThatComeFromTheEventAreCompared() {
        String event = "{\"Records\":[{\"messageId\":\"059f36b4-87a3-44ab-83d2-661975830a7d\"},"
                + "{\"messageId\":\"2e1424d4-f796-459a-8184-9c92662be6da\"}]}";
        String first = "{\"batchItemFailures\":[{\"itemIdentifier\":\"059f36b4-87a3-44ab-83d2-661975830a7d\"}]}";
        String second = "{\"batchItemFailures\":[{\"itemIdentifier\":\"2e1424d4-f796-459a-8184-9c92662be6da\"}]}";

        assertNotEquals(InvokeResponses.normalize(first, event), InvokeResponses.normalize(second, event));
        assertEquals(InvokeResponses.normalize(first, event), InvokeResponses.normalize(first, event));
    }
}
