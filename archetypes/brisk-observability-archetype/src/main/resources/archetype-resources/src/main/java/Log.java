package ${package};

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.json.JSONObject;

/**
 * One JSON object per line on standard output: timestamp, level, message, the request and trace it belongs to, cold
 * start, then the caller's fields. Lambda's JSON log format keeps such lines as they are and filters them by their
 * level (serverless.yml sets both); lines under AWS_LAMBDA_LOG_LEVEL are dropped here before they are even built.
 * No logging framework: a framework's init cost more than this whole class (README: "Logs").
 */
final class Log {

    enum Level { TRACE, DEBUG, INFO, WARN, ERROR, FATAL }

    private final PrintStream out;
    private final Level threshold;
    private Request current;

    Log(PrintStream out, Level threshold) {
        this.out = out;
        this.threshold = threshold;
    }

    /** Standard output, at the level Lambda passes in AWS_LAMBDA_LOG_LEVEL (INFO without one). */
    static Log stdout(Map<String, String> env) {
        String level = env.get("AWS_LAMBDA_LOG_LEVEL");
        return new Log(System.out, level == null || level.isBlank() ? Level.INFO
                : Level.valueOf(level.strip().toUpperCase(Locale.ROOT)));
    }

    /** What every line carries while a request is handled. */
    record Request(String requestId, String traceId, String spanId, boolean coldStart) {
    }

    /** Lines logged from now on carry {@code request}'s ids; null: none. */
    void within(Request request) {
        this.current = request;
    }

    void info(String message, Map<String, ?> fields) {
        log(Level.INFO, message, fields, null);
    }

    void warn(String message, Map<String, ?> fields) {
        log(Level.WARN, message, fields, null);
    }

    void error(String message, Throwable error) {
        log(Level.ERROR, message, Map.of(), error);
    }

    boolean enabled(Level level) {
        return level.compareTo(threshold) >= 0;
    }

    void log(Level level, String message, Map<String, ?> fields, Throwable error) {
        if (!enabled(level)) {
            return;
        }
        StringBuilder line = new StringBuilder(256);
        line.append("{\"timestamp\":\"");
        Rfc3339.append(line, System.currentTimeMillis());
        line.append("\",\"level\":\"").append(level).append("\",\"message\":").append(JSONObject.quote(message));
        Request request = current;
        if (request != null) {
            member(line, "requestId", request.requestId());
            member(line, "traceId", request.traceId());
            member(line, "xrayTraceId", XrayIds.xrayForm(request.traceId()));
            member(line, "spanId", request.spanId());
            line.append(",\"coldStart\":").append(request.coldStart());
        }
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            member(line, field.getKey(), field.getValue());
        }
        if (error != null) {
            member(line, "errorType", error.getClass().getName());
            member(line, "errorMessage", error.getMessage());
            StringBuilder stack = new StringBuilder();
            StackTraceElement[] frames = error.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 20); i++) {
                stack.append(i == 0 ? "" : "\n").append(frames[i]);
            }
            member(line, "stackTrace", stack.toString());
        }
        out.println(line.append('}'));
    }

    private static void member(StringBuilder line, String name, Object value) {
        line.append(',').append(JSONObject.quote(name)).append(':');
        if (value == null) {
            line.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            line.append(value);
        } else {
            line.append(JSONObject.quote(value.toString()));
        }
    }

    /** RFC 3339 in UTC with milliseconds, without java.time's formatter (dozens of classes on the first line). */
    static final class Rfc3339 {

        private Rfc3339() {
        }

        static void append(StringBuilder out, long epochMillis) {
            long days = Math.floorDiv(epochMillis, 86_400_000L);
            long millisOfDay = Math.floorMod(epochMillis, 86_400_000L);
            // civil_from_days (Howard Hinnant): proleptic Gregorian date of a day count since 1970-01-01
            long z = days + 719_468;
            long era = Math.floorDiv(z, 146_097);
            long doe = z - era * 146_097;
            long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
            long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            long mp = (5 * doy + 2) / 153;
            long day = doy - (153 * mp + 2) / 5 + 1;
            long month = mp < 10 ? mp + 3 : mp - 9;
            long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
            pad(out, year, 4).append('-');
            pad(out, month, 2).append('-');
            pad(out, day, 2).append('T');
            pad(out, millisOfDay / 3_600_000, 2).append(':');
            pad(out, millisOfDay / 60_000 % 60, 2).append(':');
            pad(out, millisOfDay / 1000 % 60, 2).append('.');
            pad(out, millisOfDay % 1000, 3).append('Z');
        }

        private static StringBuilder pad(StringBuilder out, long value, int width) {
            String digits = Long.toString(value);
            for (int i = digits.length(); i < width; i++) {
                out.append('0');
            }
            return out.append(digits);
        }
    }
}
