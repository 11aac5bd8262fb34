package com.example.consumer;

/** Applies one message of one type. Throws InvalidMessage for data it rejects, anything else to be retried. */
@FunctionalInterface
interface MessageAction {
    void apply(Message message);
}
