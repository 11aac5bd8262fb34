package dev.brisk.plugin;

import dev.brisk.runtime.image.ImageException;
import dev.brisk.runtime.image.ImageFiles;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What brisk:image-prepare, brisk:aot-train and brisk:image-check share: the folder of the image's extra files, the
 * JVM's version and memory, and the events the image runs. brisk-parent's container-image profile binds the three
 * around Jib.
 */
abstract class AbstractImageMojo extends AbstractMojo {

    /** The project's folder. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    protected File basedir;

    /**
     * The build's image folder: runtime/ (Jib adds it as /var/runtime/lib), task/ (as /var/task: jvm.args and the
     * AOT cache), base.tar (the base with those folders), and work folders.
     */
    @Parameter(property = "brisk.image.dir", defaultValue = "${project.build.directory}/image")
    protected File imageDir;

    /** The image's Java feature version: 21 or 25. */
    @Parameter(property = "lambda.java.version", defaultValue = "25")
    protected int javaVersion;

    /** The function's memory in MB: the training and checking JVMs get as much. */
    @Parameter(property = "lambda.memorySize", defaultValue = "512")
    protected int memoryMb;

    /** The events to run the image with, one project-relative path a line; default every events/*.json. */
    @Parameter(property = "brisk.image.events", defaultValue = "${project.basedir}/src/main/image/events.txt")
    protected File eventsFile;

    /** Skip the goal. */
    @Parameter(property = "brisk.image.skip", defaultValue = "false")
    protected boolean skip;

    protected File taskDir() {
        return new File(imageDir, "task");
    }

    protected List<String> events() throws MojoFailureException, MojoExecutionException {
        try {
            return ImageFiles.events(basedir.toPath(), eventsFile.toPath(), basedir.toPath().resolve("events"));
        } catch (ImageException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read the events: " + e.getMessage(), e);
        }
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipped (brisk.image.skip)");
            return;
        }
        try {
            run();
        } catch (ImageException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("Interrupted", e);
        }
    }

    protected abstract void run() throws IOException, InterruptedException, MojoExecutionException,
            MojoFailureException;
}
