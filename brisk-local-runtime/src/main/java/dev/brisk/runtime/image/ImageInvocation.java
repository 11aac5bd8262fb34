package dev.brisk.runtime.image;

/**
 * One invocation of a function running from an image: the response or error body, and for the first (cold) one the
 * time from the process start to the first invocation/next (init) and to the response (total), in milliseconds; -1
 * for warm invocations.
 */
public record ImageInvocation(String body, boolean error, double initMs, double totalMs) {
}
