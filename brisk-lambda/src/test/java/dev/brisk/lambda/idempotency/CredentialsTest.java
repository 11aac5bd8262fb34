package dev.brisk.lambda.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the credentials come from: the environment of an on-demand function, or, under SnapStart, the loopback
 * endpoint Lambda serves (played here by an HTTP server answering as Lambda documents it).
 */
class CredentialsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-31T12:00:00Z"));
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer endpoint;
    private int served;

    @BeforeEach
    void start() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/2018-06-01/credentials", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            served++;
            byte[] body = ("{\"AccessKeyId\":\"ASIA" + served + "\",\"SecretAccessKey\":\"secret" + served
                    + "\",\"Token\":\"token" + served + "\",\"Expiration\":\""
                    + clock.instant().plus(Duration.ofHours(1)) + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
    }

    @AfterEach
    void stop() {
        endpoint.stop(0);
    }

    private String uri() {
        return "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/2018-06-01/credentials";
    }

    @Test
    void anOnDemandFunctionUsesItsEnvironment() {
        Credentials c = Credentials.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "AKID",
                "AWS_SECRET_ACCESS_KEY", "s3cr3t", "AWS_SESSION_TOKEN", "t0ken"), clock).get();

        assertEquals(new Credentials("AKID", "s3cr3t", "t0ken"), c);
        assertFalse(c.toString().contains("s3cr3t") || c.toString().contains("t0ken"), "hidden: " + c);
        assertEquals("Credentials[AKID, secret and token hidden]", c.toString());
    }

    @Test
    void noCredentialsAtAllIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Credentials.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "AKID"), clock));
        assertTrue(e.getMessage().startsWith("No AWS credentials"), e.getMessage());
    }

    @Test
    void aSnapStartFunctionFetchesThemOnFirstUseAndAgainBeforeTheyExpire() {
        Supplier<Credentials> credentials = Credentials.fromEnvironment(Map.of(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", uri(),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "lambda-token",
                "AWS_ACCESS_KEY_ID", "not used"), clock);
        assertEquals(0, served, "nothing fetched during init");

        assertEquals(new Credentials("ASIA1", "secret1", "token1"), credentials.get());
        clock.advance(Duration.ofMinutes(54));
        assertEquals("ASIA1", credentials.get().accessKeyId(), "cached while more than 5 minutes are left");
        clock.advance(Duration.ofMinutes(1));
        assertEquals("ASIA2", credentials.get().accessKeyId(), "renewed 5 minutes before the expiry");
        assertEquals(List.of("lambda-token", "lambda-token"), authorizations);
    }

    @Test
    void theTokenMayComeFromAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "file-token\n");
        Credentials.fromEnvironment(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri(),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", file.toString()), clock).get();

        assertEquals(List.of("file-token"), authorizations);
    }

    @Test
    void anEndpointThatRefusesIsAClearError() {
        Supplier<Credentials> credentials = Credentials.fromEnvironment(Map.of(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", uri().replace("credentials", "elsewhere")), clock);

        IllegalStateException e = assertThrows(IllegalStateException.class, credentials::get);
        assertEquals("The credentials endpoint answered HTTP 404", e.getMessage());
    }
}
