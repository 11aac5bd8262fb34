package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The deployment settings the handler's guarantees rely on: edit serverless.yml, and these say what broke. */
class ServerlessYmlTest {

    private final ServerlessConfig yml = ServerlessConfig.read();

    @Test
    void aBatchInFlightNeverReappearsBeforeTheFunctionGaveUpOnIt() {
        int needed = 6 * yml.timeout() + yml.maximumBatchingWindow();

        assertTrue(yml.visibilityTimeout() >= needed, "VisibilityTimeout " + yml.visibilityTimeout() + " s is under"
                + " 6 x timeout + maximumBatchingWindow = " + needed + " s (AWS's rule for SQS event sources)");
    }

    @Test
    void theEventSourceRedeliversOnlyTheReportedRecords() {
        assertEquals("ReportBatchItemFailures", yml.value("functionResponseType"));
    }

    @Test
    void poisonMessagesMoveToADeadLetterQueueThatKeepsThemLonger() {
        assertTrue(yml.maxReceiveCount() >= 1);
        assertEquals("!GetAtt DeadLetterQueue.Arn", yml.value("deadLetterTargetArn"));
        List<Integer> retention = all("MessageRetentionPeriod");
        assertEquals(2, retention.size(), "the queue's, then the dead-letter queue's");
        assertTrue(retention.get(1) > retention.get(0),
                "a message's age counts from its first enqueue: the DLQ must keep messages longer than the queue");
    }

    @Test
    void batchesOverTenRecordsComeWithABatchingWindow() {
        assertTrue(yml.batchSize() <= 10 || yml.maximumBatchingWindow() >= 1,
                "SQS event sources need a batching window for batches over 10");
    }

    @Test
    void thePermissionsNameOnlyThisServicesResources() {
        List<String> resources = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*Resource:\\s*(.+?)\\s*$").matcher(yml.text());
        while (m.find()) {
            resources.add(m.group(1));
        }
        assertEquals(List.of("!GetAtt IdempotencyTable.Arn"), resources);
        assertTrue(!yml.text().contains("'*'") && !yml.text().contains("Resource: \"*\""), "no wildcard resource");
    }

    private List<Integer> all(String key) {
        List<Integer> values = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*" + key + ":\\s*(\\d+)\\s*$").matcher(yml.text());
        while (m.find()) {
            values.add(Integer.parseInt(m.group(1)));
        }
        return values;
    }
}
