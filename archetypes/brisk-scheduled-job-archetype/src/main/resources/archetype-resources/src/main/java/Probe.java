package ${package};

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * GETs of URLs: each answer's status and how long the whole answer took. HttpURLConnection rather than java.net.http's
 * HttpClient: it is mostly in the JDK's class-data archive already and starts no selector thread, so the first probe
 * of a cold start costs far less (README: measured). Redirects are never followed: only the base URL's host is called.
 */
final class Probe {

    /** A probe's answer. */
    record Answer(String path, int status, long millis) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** A probe that got an answer other than 2xx: its status is part of the report. */
    static final class Failed extends Exception {

        final Answer answer;

        Failed(Answer answer) {
            super("HTTP ".concat(Integer.toString(answer.status())), null, false, false);
            this.answer = answer;
        }
    }

    /** Bodies are read to keep the connection reusable, up to this much; a longer body closes it. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final int timeoutMillis;
    private final String userAgent;

    /** The pool times each probe out; the socket's own timeouts are a backstop a little later. */
    Probe(Duration timeout, String userAgent) {
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis() + 1_000);
        this.userAgent = userAgent;
    }

    /** One GET as a work item: a 2xx is its answer, anything else throws {@link Failed}, no answer an IOException. */
    Call call(String path, URI url) {
        return new Call(path, url);
    }

    /** A GET the pool can stop: closing its connection unblocks a read, which an interrupt does not. */
    final class Call implements Callable<Answer>, WorkerPool.Cancellable {

        private final String path;
        private final URI url;
        private volatile HttpURLConnection connection;
        private volatile boolean cancelled;

        private Call(String path, URI url) {
            this.path = path;
            this.url = url;
        }

        @Override
        public Answer call() throws IOException, Failed {
            long start = System.nanoTime();
            // NO_PROXY: the connection goes to the checked host, whatever the JVM's proxy settings say
            HttpURLConnection http = (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
            http.setInstanceFollowRedirects(false);
            http.setUseCaches(false);
            http.setConnectTimeout(timeoutMillis);
            http.setReadTimeout(timeoutMillis);
            http.setRequestProperty("User-Agent", userAgent);
            http.setRequestProperty("Accept", "*/*");
            connection = http;
            if (cancelled) {
                throw new IOException("cancelled");
            }
            try {
                int status = http.getResponseCode();
                InputStream body = Objects.requireNonNullElse(
                        status >= 400 ? http.getErrorStream() : http.getInputStream(), InputStream.nullInputStream());
                boolean whole = drain(body);
                Answer answer = new Answer(path, status, (System.nanoTime() - start) / 1_000_000);
                if (whole) {
                    body.close(); // the connection goes back to the JDK's keep-alive cache
                } else {
                    // Before any close: closing a part-read body makes the JDK read the rest (up to 512 KB) to keep
                    // the connection
                    http.disconnect();
                }
                if (!answer.ok()) {
                    throw new Failed(answer);
                }
                return answer;
            } catch (IOException | RuntimeException e) {
                http.disconnect();
                throw e;
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            HttpURLConnection http = connection;
            if (http != null) {
                http.disconnect(); // closes the socket: a blocked connect or read fails at once
            }
        }
    }

    /** Reads and drops the body, leaving it open; false when it is longer than the limit. */
    private static boolean drain(InputStream body) throws IOException {
        byte[] buffer = new byte[8192];
        int total = 0;
        for (int n; (n = body.read(buffer)) != -1; ) {
            total += n;
            if (total > MAX_BODY_BYTES) {
                return false;
            }
        }
        return true;
    }
}
