package dev.brisk.lambda.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestContextTest {

    @Test
    void theLoggerWorksAndKeepsEachLineInOrder() {
        TestContext context = new TestContext();

        context.getLogger().log("first");
        context.getLogger().log("second".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("first", "second"), context.logs());
    }

    @Test
    void theRemainingTimeRunsOutLikeLambdas() throws InterruptedException {
        TestContext context = new TestContext(200);
        int before = context.getRemainingTimeInMillis();

        Thread.sleep(50);

        assertTrue(before <= 200 && before > 150, "starts at the time given: " + before);
        assertTrue(context.getRemainingTimeInMillis() <= before - 50, "counts down");
        Thread.sleep(200);
        assertEquals(0, context.getRemainingTimeInMillis(), "never below zero");
    }

    @Test
    void aRequestIdByDefaultOrAsGiven() {
        assertEquals(TestContext.REQUEST_ID, new TestContext().getAwsRequestId());
        assertEquals("req-7", new TestContext("req-7", 1_000).getAwsRequestId());
    }
}
