package com.example.pipeline;

/**
 * The invocation's payload is not an S3 event this function can act on. Thrown, not swallowed: the invocation
 * fails, Lambda's asynchronous retries run out, and the event lands in the dead-letter queue for a person to see.
 */
final class BadEventException extends IllegalArgumentException {

    BadEventException(String message) {
        super(message);
    }
}
