package com.example.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One probe against an HTTP API on loopback: what counts as an answer, what is sent, and how a probe is stopped. */
class ProbeTest {

    private final Probe probe = new Probe(Duration.ofSeconds(30), "brisk-probe/test");

    @ParameterizedTest
    @ValueSource(ints = {200, 204, 299})
    void a2xxIsAnAnswer(int status) throws Exception {
        try (LocalApi api = LocalApi.answeringIn(0)) {
            assertEquals(status, call(api, "/status/" + status).status());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 304, 400, 404, 500, 503})
    void anyOtherStatusIsAFailureThatKeepsTheStatus(int status) {
        try (LocalApi api = LocalApi.answeringIn(0)) {
            Probe.Failed failed = assertThrows(Probe.Failed.class, () -> call(api, "/status/" + status));

            assertEquals(status, failed.answer.status());
            assertEquals("/status/" + status, failed.answer.path());
        }
    }

    @Test
    void itSaysWhoItIsAndTakesAnyContentType() throws Exception {
        try (LocalApi api = LocalApi.answeringIn(0)) {
            call(api, "/ok/1");

            LocalApi.Request request = api.requests().get(0);
            assertEquals("brisk-probe/test", request.userAgent(), "operators find the probes in their access logs");
            assertEquals("*/*", request.accept());
        }
    }

    @Test
    void itTimesTheWholeAnswer() throws Exception {
        try (LocalApi api = LocalApi.answeringIn(200)) {
            long millis = call(api, "/ok/1").millis();

            assertTrue(millis >= 200 && millis < 10_000, millis + " ms for an answer that took 200 ms");
        }
    }

    @Test
    void aReadBodyLeavesTheConnectionForTheNextProbeAndABodyOverTheLimitClosesIt() throws Exception {
        try (LocalApi api = LocalApi.answeringIn(0)) {
            call(api, "/bytes/" + 64 * 1024); // exactly the most that is read
            call(api, "/ok/1");
            assertThrows(Probe.Failed.class, () -> call(api, "/status/503")); // no body at all
            call(api, "/ok/2");
            call(api, "/bytes/" + (64 * 1024 + 1)); // one byte more: the connection is closed
            call(api, "/ok/3");

            List<Integer> ports = api.requests().stream().map(LocalApi.Request::clientPort).toList();
            assertEquals(List.of(ports.get(0), ports.get(0), ports.get(0), ports.get(0), ports.get(0)),
                    ports.subList(0, 5), "one connection for the first five: " + ports);
            assertNotEquals(ports.get(4), ports.get(5), "a new connection after the long body: " + ports);
        }
    }

    @Test
    void cancelUnblocksACallWaitingForItsAnswer() throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (LocalApi api = LocalApi.answeringIn(0)) {
            Probe.Call call = probe.call("/slow", URI.create(api.baseUrl() + "/slow"));
            Future<Probe.Answer> answer = thread.submit(call);
            while (api.requested().isEmpty()) {
                Thread.sleep(10); // the request is sent: the call now waits for the answer (30 s)
            }

            call.cancel();

            ExecutionException e = assertThrows(ExecutionException.class, () -> answer.get(5, TimeUnit.SECONDS));
            assertInstanceOf(java.io.IOException.class, e.getCause());
        } finally {
            thread.shutdownNow();
        }
    }

    private Probe.Answer call(LocalApi api, String path) throws Exception {
        return probe.call(path, URI.create(api.baseUrl() + path)).call();
    }
}
