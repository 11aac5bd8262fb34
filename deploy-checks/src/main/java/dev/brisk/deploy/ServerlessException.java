package dev.brisk.deploy;

/** osls refused a project: a schema error, an unresolvable variable, a missing artifact. Carries its output. */
public final class ServerlessException extends RuntimeException {

    private final String output;

    public ServerlessException(String message, String output) {
        super(message + ":\n" + output);
        this.output = output;
    }

    /** What osls printed. */
    public String output() {
        return output;
    }
}
