package dev.brisk.plugin;

import dev.brisk.runtime.ServerlessFunction;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks that serverless.yml deploys every Java function to the runtime the project compiles for, so that the Java
 * version is chosen once, in the pom ({@code lambda.java.version} in brisk-parent), and a serverless.yml that says
 * otherwise stops the build. brisk-parent binds it for every project with a serverless.yml.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VALIDATE, requiresProject = true, threadSafe = true)
public class CheckMojo extends AbstractMojo {

    /** The serverless.yml to check; nothing to check when there is none. */
    @Parameter(property = "brisk.serverlessYml", defaultValue = "${project.basedir}/serverless.yml")
    private File serverlessYml;

    /** The runtime the project compiles for: {@code java25}. */
    @Parameter(property = "lambda.runtime", defaultValue = "${lambda.runtime}")
    private String runtime;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (!serverlessYml.isFile()) {
            getLog().debug("No " + serverlessYml + ": nothing to check");
            return;
        }
        if (runtime == null || runtime.isBlank()) {
            throw new MojoExecutionException("lambda.runtime is not set: inherit brisk-parent or set it (java25)");
        }
        List<ServerlessFunction> functions;
        try {
            functions = ServerlessFunction.readAll(serverlessYml.toPath());
        } catch (IOException | IllegalArgumentException e) {
            throw new MojoExecutionException("Cannot read " + serverlessYml + ": " + e.getMessage(), e);
        }
        List<String> wrong = mismatches(functions, runtime);
        if (!wrong.isEmpty()) {
            throw new MojoFailureException(serverlessYml.getName() + " deploys " + String.join(", ", wrong)
                    + ", but the project compiles for " + runtime + " (lambda.java.version in the pom). Set the"
                    + " runtime in serverless.yml to " + runtime + ", or change lambda.java.version.");
        }
    }

    /** "key to runtime" for each Java function whose runtime is not {@code expected}; images have no runtime. */
    static List<String> mismatches(List<ServerlessFunction> functions, String expected) {
        List<String> wrong = new ArrayList<>();
        for (ServerlessFunction fn : functions) {
            if (fn.runtime() != null && fn.runtime().startsWith("java") && !fn.runtime().equals(expected)) {
                wrong.add("function '" + fn.key() + "' to " + fn.runtime());
            }
        }
        return wrong;
    }
}
