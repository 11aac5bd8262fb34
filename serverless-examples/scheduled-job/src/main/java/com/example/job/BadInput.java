package com.example.job;

/** The schedule's input cannot be run: the message says what to fix, and never quotes the input. */
final class BadInput extends Exception {

    BadInput(String message) {
        super(message, null, false, false);
    }
}
