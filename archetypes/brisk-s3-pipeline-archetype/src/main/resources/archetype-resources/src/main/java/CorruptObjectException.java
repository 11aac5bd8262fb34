package ${package};

/**
 * The object failed a whole-object check: no output is written and the invocation fails, so Lambda retries it
 * and finally sends the event to the dead-letter queue.
 */
final class CorruptObjectException extends RuntimeException {

    CorruptObjectException(String message) {
        super(message);
    }

    CorruptObjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
