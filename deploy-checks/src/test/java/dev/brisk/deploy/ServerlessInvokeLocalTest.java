package dev.brisk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ServerlessInvokeLocalTest {

    @Test
    void theHandlersOwnExceptionIsReadFromTheBridgesStackTrace() {
        String stdout = """
                {"level":"WARN","message":"a handler log line before the failure"}
                java.lang.reflect.InvocationTargetException
                \tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:118)
                \tat com.serverless.InvokeBridge.invoke(InvokeBridge.java:101)
                \tat com.serverless.InvokeBridge.<init>(InvokeBridge.java:37)
                Caused by: java.io.UncheckedIOException: cannot reach DynamoDB
                \tat com.example.consumer.QueueHandler.handleRequest(QueueHandler.java:40)
                Caused by: java.net.ConnectException: Connection refused
                \t... 9 more
                """;

        assertEquals("java.io.UncheckedIOException", ServerlessInvokeLocal.thrownByHandler(stdout));
    }

    @Test
    void aConstructorFailureIsItsOwnExceptionAndLogsAreNoFailure() {
        String init = "java.lang.IllegalStateException: MAX_BODY_BYTES is not a number\n"
                + "\tat com.example.api.ApiHandler.<init>(ApiHandler.java:30)\n"
                + "\tat com.serverless.InvokeBridge.getInstance(InvokeBridge.java:71)\n";

        assertEquals("java.lang.IllegalStateException", ServerlessInvokeLocal.thrownByHandler(init));
        assertNull(ServerlessInvokeLocal.thrownByHandler("WARN a handler log line mentioning an Exception\n"));
    }
}
