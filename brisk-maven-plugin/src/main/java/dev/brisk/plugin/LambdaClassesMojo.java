package dev.brisk.plugin;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Rewrites the function's jar, in place, so that its lambdas and method references are classes in the jar rather than
 * hidden classes the JVM spins at each call site's first run ({@link LambdaClasses}). Worth it where a cold start
 * binds hundreds of them, as the AWS SDK's first request does; brisk-parent binds it after shade and ProGuard when
 * {@code brisk.lambdaClasses} is {@code package}. The Lambda runtime's own classes ({@code aws-lambda-java-core}) are
 * left as they are: the runtime's copy wins anyway, and an image that puts the function first must find them whole.
 */
@Mojo(name = "lambda-classes", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class LambdaClassesMojo extends AbstractMojo {

    /** The jar to rewrite. */
    @Parameter(property = "brisk.jar", defaultValue = "${project.build.directory}/${project.build.finalName}.jar")
    private File jar;

    /** Class name prefixes (internal form, a/b/) left as they are. */
    @Parameter
    private List<String> excludes = List.of("com/amazonaws/services/lambda/runtime/");

    /** Skip the goal. */
    @Parameter(property = "brisk.lambdaClasses.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("Lambda classes: skipped");
            return;
        }
        if (!jar.isFile()) {
            throw new MojoExecutionException("No jar at " + jar + " to rewrite (set brisk.jar)");
        }
        LambdaClasses.Result result;
        try {
            result = LambdaClasses.rewriteJar(jar.toPath(), name -> excludes.stream().noneMatch(name::startsWith));
        } catch (IOException | RuntimeException e) {
            throw new MojoExecutionException("Cannot rewrite the lambdas of " + jar + ": " + e.getMessage(), e);
        }
        StringBuilder left = new StringBuilder();
        for (Map.Entry<String, Integer> e : result.left().entrySet()) {
            left.append(left.length() == 0 ? " (" : ", ").append(e.getValue()).append(' ').append(e.getKey());
        }
        getLog().info("Lambda classes: " + result.sites() + " call sites in " + result.hosts() + " classes now use"
                + " classes of the jar; " + result.leftCount() + " left to the JVM"
                + (left.length() > 0 ? left + ")" : "")
                + ": " + jar);
    }
}
