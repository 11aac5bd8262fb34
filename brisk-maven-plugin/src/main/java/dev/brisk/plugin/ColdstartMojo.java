package dev.brisk.plugin;

import dev.brisk.runtime.ColdStart;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Measures the function's cold start: N fresh JVMs under the real Lambda runtime, interleaved with as many of an
 * empty RequestStreamHandler (the floor) under the same JVM and flags; prints median/p90/max of init, first
 * invoke and total time, peak RSS, classes loaded, jar size and the ratio to the floor, and writes
 * target/brisk/coldstart.json. Optional budgets fail the build. Run it after package.
 */
@Mojo(name = "coldstart", requiresProject = true, threadSafe = true)
public class ColdstartMojo extends AbstractBriskMojo {

    /** Fresh JVMs for the function, and as many for the floor. */
    @Parameter(property = "brisk.runs", defaultValue = "10")
    private int runs;

    /** Fails the build when median(total of the function) / median(total of the floor) is above it. */
    @Parameter(property = "brisk.maxRatioToFloor")
    private Double maxRatioToFloor;

    /** Fails the build when the jar is larger, in KB. */
    @Parameter(property = "brisk.maxJarKb")
    private Double maxJarKb;

    /** Where the figures go. */
    @Parameter(property = "brisk.coldstartJson", defaultValue = "${project.build.directory}/brisk/coldstart.json")
    private File output;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (runs < 1) {
            throw new MojoExecutionException("brisk.runs must be at least 1, not " + runs);
        }
        String[] event = event();
        ColdStart result;
        try {
            result = ColdStart.measure(function(), event[0], runs, line -> getLog().info(line));
        } catch (IllegalStateException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        for (String line : result.table().split("\n")) {
            getLog().info(line);
        }
        try {
            result.writeJson(output.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + output, e);
        }
        getLog().info("Wrote " + output);
        StringBuilder over = new StringBuilder();
        if (maxRatioToFloor != null && result.ratioToFloor() > maxRatioToFloor) {
            over.append(String.format(Locale.ROOT, "ratio to floor %.2f is above maxRatioToFloor %.2f. ",
                    result.ratioToFloor(), maxRatioToFloor));
        }
        if (maxJarKb != null && result.jarKb() > maxJarKb) {
            over.append(String.format(Locale.ROOT, "jar %.1f KB is above maxJarKb %.1f. ", result.jarKb(), maxJarKb));
        }
        if (over.length() > 0) {
            throw new MojoFailureException("Cold start budget exceeded: " + over.toString().trim());
        }
    }
}
