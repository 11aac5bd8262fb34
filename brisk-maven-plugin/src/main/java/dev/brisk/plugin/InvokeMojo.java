package dev.brisk.plugin;

import dev.brisk.runtime.Invocation;
import dev.brisk.runtime.LocalLambda;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the function's jar under the real AWS Lambda Java Runtime Interface Client in a fresh JVM, started like
 * Lambda's managed Java runtime, with an event; prints the response and a REPORT line per invocation. Run it
 * after package: {@code mvn package brisk:invoke}. Fails the build when the function fails.
 */
@Mojo(name = "invoke", requiresProject = true, threadSafe = true)
public class InvokeMojo extends AbstractBriskMojo {

    /** Warm invocations after the first (cold) one, in the same JVM. */
    @Parameter(property = "brisk.repeat", defaultValue = "0")
    private int repeat;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (repeat < 0) {
            throw new MojoExecutionException("brisk.repeat must be 0 or more, not " + repeat);
        }
        LocalLambda.Builder builder = function();
        String[] event = event();
        LocalLambda lambda;
        try {
            lambda = builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        try (lambda) {
            getLog().info("Invoking " + lambda + " with " + event[1]);
            for (int i = 0; i <= repeat; i++) {
                Invocation invocation;
                try {
                    invocation = lambda.invoke(event[0]);
                } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
                    throw new MojoExecutionException(e.getMessage(), e);
                }
                getLog().info((invocation.isError() ? "Error response" : "Response") + ":\n"
                        + invocation.prettyResponse());
                if (invocation.isError()) {
                    throw new MojoFailureException("The function failed (" + invocation.errorType() + "): "
                            + invocation.errorMessage());
                }
            }
        }
    }
}
