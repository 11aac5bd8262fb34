package dev.brisk.plugin;

import dev.brisk.runtime.image.AotCache;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the image Jib built against its AOT cache: the build stops unless the image holds, byte for byte, the JVM
 * and class path jars the cache was trained on, and unless its entrypoint, started from the unpacked layers with
 * -XX:AOTMode=on (which refuses to run without a usable cache), answers the events. The JDK itself checks a cached
 * jar's size and time only, and falls back silently at cold start. An image without a cache passes, saying why.
 */
@Mojo(name = "image-check", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class ImageCheckMojo extends AbstractImageMojo {

    /** The image tarball Jib's buildTar wrote. */
    @Parameter(property = "brisk.image.tar", defaultValue = "${project.build.directory}/jib-image.tar")
    private File imageTar;

    @Override
    protected void run() throws IOException, InterruptedException, MojoExecutionException, MojoFailureException {
        if (!imageTar.isFile()) {
            throw new MojoExecutionException("No " + imageTar + ": jib:buildTar writes it at package");
        }
        AotCache.check(imageTar.toPath(), new File(imageDir, "check").toPath(), taskDir().toPath(), memoryMb, events(),
                getLog()::info);
    }
}
