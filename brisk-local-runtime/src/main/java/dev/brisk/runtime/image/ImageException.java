package dev.brisk.runtime.image;

/** A build-stopping problem with a container image or its AOT cache, said in one message. */
public final class ImageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ImageException(String message) {
        super(message);
    }
}
