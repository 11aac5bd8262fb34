package com.example.consumer;

/** A message that breaks the contract: it will never succeed, and ends in the dead-letter queue. */
final class InvalidMessage extends RuntimeException {

    InvalidMessage(String message) {
        super(message, null, false, false); // no stack trace: an expected outcome
    }
}
