package ${package};

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The real HTTP client with faults injected below the SDK, where a network or S3 would cause them: error statuses
 * the SDK's retry strategy must handle, and object bodies damaged in transit that the checksums must catch.
 * Body faults apply to the next object reads (GET), error statuses and actions to the next request of any method;
 * every request is counted by method.
 */
final class FaultyHttp implements SdkHttpClient {

    enum Fault { SLOW_DOWN, INTERNAL_ERROR, CORRUPT_BODY, TRUNCATED_BODY, BROKEN_BODY }

    private final SdkHttpClient delegate = UrlConnectionHttpClient.create();
    private final Deque<Fault> nextGets = new ArrayDeque<>();
    private Runnable beforeNextGet;
    private final Map<SdkHttpMethod, Deque<int[]>> errors = new EnumMap<>(SdkHttpMethod.class);
    private final Map<SdkHttpMethod, Runnable> before = new EnumMap<>(SdkHttpMethod.class);
    private final Map<SdkHttpMethod, AtomicInteger> counts = new EnumMap<>(SdkHttpMethod.class);

    FaultyHttp() {
        for (SdkHttpMethod method : SdkHttpMethod.values()) {
            counts.put(method, new AtomicInteger());
        }
    }

    /** The next {@code times} object reads suffer {@code fault}. */
    synchronized FaultyHttp onNextGets(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            nextGets.add(fault);
        }
        return this;
    }

    /** Runs {@code action} just before the next object read goes out: another actor, racing the function. */
    synchronized FaultyHttp beforeNextGet(Runnable action) {
        this.beforeNextGet = action;
        return this;
    }

    /** The next {@code times} requests with {@code method} get S3's error {@code code} with {@code status}. */
    synchronized FaultyHttp failNext(SdkHttpMethod method, int status, int times) {
        Deque<int[]> queue = errors.computeIfAbsent(method, m -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(new int[] {status});
        }
        return this;
    }

    /** Runs {@code action} just before the next request with {@code method} goes out. */
    synchronized FaultyHttp beforeNext(SdkHttpMethod method, Runnable action) {
        before.put(method, action);
        return this;
    }

    int count(SdkHttpMethod method) {
        return counts.get(method).get();
    }

    int total() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        SdkHttpMethod method = request.httpRequest().method();
        counts.get(method).incrementAndGet();
        Fault fault;
        Runnable action;
        int[] error;
        synchronized (this) {
            fault = method == SdkHttpMethod.GET ? nextGets.poll() : null;
            action = method == SdkHttpMethod.GET ? beforeNextGet : null;
            if (action != null) {
                beforeNextGet = null;
            } else {
                action = before.remove(method);
            }
            Deque<int[]> queue = errors.get(method);
            error = queue == null ? null : queue.poll();
        }
        if (action != null) {
            action.run();
        }
        if (error != null) {
            return canned(error[0], code(error[0]));
        }
        if (fault == Fault.SLOW_DOWN || fault == Fault.INTERNAL_ERROR) {
            return canned(fault == Fault.SLOW_DOWN ? 503 : 500, fault == Fault.SLOW_DOWN ? "SlowDown" : "InternalError");
        }
        ExecutableHttpRequest real = delegate.prepareRequest(request);
        if (fault == null) {
            return real;
        }
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                HttpExecuteResponse response = real.call();
                InputStream body = response.responseBody().orElseThrow();
                InputStream damaged = switch (fault) {
                    case CORRUPT_BODY -> flipByte(body, 7);
                    case BROKEN_BODY -> breakAfter(body, 20);
                    default -> truncate(body, 20);
                };
                return HttpExecuteResponse.builder()
                        .response(response.httpResponse())
                        .responseBody(AbortableInputStream.create(damaged, real::abort))
                        .build();
            }

            @Override
            public void abort() {
                real.abort();
            }
        };
    }

    private static ExecutableHttpRequest canned(int status, String code) {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>injected"
                + "</Message><RequestId>FAULT</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(status)
                                .putHeader("Content-Type", "application/xml")
                                .putHeader("Content-Length", Integer.toString(xml.length)).build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(xml)))
                        .build();
            }

            @Override
            public void abort() {
                // nothing in flight
            }
        };
    }

    /** The body with the byte at {@code position} inverted: same length, different content. */
    private static InputStream flipByte(InputStream in, long position) {
        return new FilterInputStream(in) {
            private long offset;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0 && position >= offset && position < offset + n) {
                    b[off + (int) (position - offset)] ^= (byte) 0xFF;
                }
                offset += Math.max(n, 0);
                return n;
            }
        };
    }

    /** S3's error code for the statuses tests inject. */
    private static String code(int status) {
        return switch (status) {
            case 409 -> "ConditionalRequestConflict";
            case 412 -> "PreconditionFailed";
            case 403 -> "AccessDenied";
            case 503 -> "SlowDown";
            default -> "InternalError";
        };
    }

    /** The body failing with an IOException after {@code good} bytes, as a connection reset mid-object does. */
    private static InputStream breakAfter(InputStream in, int good) {
        return new FilterInputStream(in) {
            private long offset;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (offset >= good) {
                    throw new IOException("injected: connection reset");
                }
                int n = super.read(b, off, (int) Math.min(len, good - offset));
                offset += Math.max(n, 0);
                return n;
            }
        };
    }

    /** The body cut short by {@code missing} bytes, as a dropped connection leaves it. */
    private static InputStream truncate(InputStream in, int missing) throws IOException {
        byte[] all = in.readAllBytes();
        return new ByteArrayInputStream(all, 0, Math.max(0, all.length - missing));
    }

    @Override
    public String clientName() {
        return "faulty";
    }

    @Override
    public void close() {
        delegate.close();
    }
}
