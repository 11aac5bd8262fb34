package dev.brisk.lambda.test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * A local DynamoDB for tests, with no Docker: moto_server started on a free loopback port the first time a test
 * class needs it, shared by the test JVM and stopped when it exits. {@code BRISK_DYNAMODB_ENDPOINT} names one already
 * running instead. With neither, the tests that need it fail, saying what to install: they never pass by skipping,
 * unless {@code -Dbrisk.skipLocalServices=true} asks for that, and then they are reported skipped.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalDynamoDb DYNAMODB = new LocalDynamoDb();
 * }</pre>
 */
public final class LocalDynamoDb implements BeforeAllCallback {

    /** An endpoint of a running local DynamoDB, used instead of starting one. */
    public static final String ENDPOINT_VARIABLE = "BRISK_DYNAMODB_ENDPOINT";
    /** {@code -Dbrisk.skipLocalServices=true}: skip, rather than fail, where no local DynamoDB can be had. */
    public static final String SKIP_PROPERTY = "brisk.skipLocalServices";
    private static final String EXECUTABLE = "moto_server";
    private static final long START_TIMEOUT_MS = 30_000;

    private static URI started;
    private static boolean skipNoticePrinted;

    @Override
    public void beforeAll(ExtensionContext context) {
        endpoint();
    }

    /** The endpoint, starting moto_server on first use. */
    public URI endpoint() {
        String configured = System.getenv(ENDPOINT_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return URI.create(configured.trim());
        }
        return startOnce();
    }

    /** Creates a table shaped like the idempotency store's: key {@code id} (string), on demand. */
    public void createTable(String name) {
        call("CreateTable", "{\"TableName\":\"" + checkName(name) + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}]}");
    }

    public void deleteTable(String name) {
        call("DeleteTable", "{\"TableName\":\"" + checkName(name) + "\"}");
    }

    private static synchronized URI startOnce() {
        if (started != null) {
            return started;
        }
        Path executable = onPath(EXECUTABLE);
        if (executable == null) {
            String message = "No local DynamoDB for these tests: " + EXECUTABLE + " is not on the PATH. Install it"
                    + " (pip install 'moto[server]'), or set " + ENDPOINT_VARIABLE + " to a running local DynamoDB;"
                    + " -D" + SKIP_PROPERTY + "=true skips these tests instead.";
            if (Boolean.getBoolean(SKIP_PROPERTY)) {
                if (!skipNoticePrinted) {
                    skipNoticePrinted = true;
                    System.out.println("[SKIPPED] " + message);
                }
                throw new TestAbortedException(message);
            }
            throw new IllegalStateException(message);
        }
        try {
            int port = freePort();
            Path log = Files.createTempFile("moto-server", ".log");
            Process process = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            }, "stop-moto-server"));
            waitForPort(process, port, log);
            started = URI.create("http://127.0.0.1:" + port);
            return started;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + executable + ": " + e.getMessage(), e);
        }
    }

    private void call(String operation, String body) {
        try {
            HttpURLConnection http = (HttpURLConnection) endpoint().toURL().openConnection();
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            http.setConnectTimeout(5_000);
            http.setReadTimeout(30_000);
            String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
            http.setRequestProperty("Content-Type", "application/x-amz-json-1.0");
            http.setRequestProperty("X-Amz-Target", "DynamoDB_20120810." + operation);
            http.setRequestProperty("X-Amz-Date", date);
            // A local stand-in reads the region and account from the credential scope; it checks no signature
            http.setRequestProperty("Authorization", "AWS4-HMAC-SHA256 Credential=test/" + date.substring(0, 8)
                    + "/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0");
            try (OutputStream out = http.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            int status = http.getResponseCode();
            InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream();
            String answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (status != 200) {
                throw new IllegalStateException(operation + " on the local DynamoDB failed: HTTP " + status + " " + answer);
            }
        } catch (IOException e) {
            throw new IllegalStateException(operation + " on the local DynamoDB failed: " + e, e);
        }
    }

    private static String checkName(String table) {
        if (!table.matches("[A-Za-z0-9_.-]{3,255}")) {
            throw new IllegalArgumentException("Not a DynamoDB table name: " + table);
        }
        return table;
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void waitForPort(Process process, int port, Path log) throws IOException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(EXECUTABLE + " exited with " + process.exitValue() + ": "
                        + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while " + EXECUTABLE + " started", e);
                }
            }
        }
        process.destroy();
        throw new IllegalStateException(EXECUTABLE + " did not listen on port " + port + " within "
                + START_TIMEOUT_MS / 1000 + " s: " + Files.readString(log));
    }
}
