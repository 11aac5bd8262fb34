package dev.brisk.plugin;

import dev.brisk.runtime.image.AotCache;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Trains a JDK AOT cache on the image's own JVM: the base image's layers (base.tar, built by Jib before this goal)
 * run the function's jar, where and as Jib puts it, with the image's flags and class path, for every event three
 * times; the cache goes to task/app.aot and its flag into task/jvm.args, for Jib's next build of the image. A machine
 * that cannot run the image's architecture ships the image without a cache and says so; Java 21 has no AOT cache
 * (the goal stops unless brisk.image.aotCache is false).
 */
@Mojo(name = "aot-train", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class AotTrainMojo extends AbstractImageMojo {

    /** Train and ship an AOT cache. */
    @Parameter(property = "brisk.image.aotCache", defaultValue = "true")
    private boolean aotCache;

    /** The function's jar, as the build leaves it. */
    @Parameter(property = "brisk.image.localJar",
            defaultValue = "${project.build.directory}/${project.build.finalName}.jar")
    private File jar;

    /** Where the image holds the function's jar (Jib's packaged mode: appRoot/classpath/name.jar). */
    @Parameter(property = "brisk.image.jar", required = true)
    private String imageJar;

    @Override
    protected void run() throws IOException, InterruptedException, MojoExecutionException, MojoFailureException {
        if (!jar.isFile()) {
            throw new MojoExecutionException("No " + jar + ": run the goal after package");
        }
        AotCache.train(new AotCache.Training(new File(imageDir, "base.tar").toPath(), jar.toPath(), imageJar,
                new File(imageDir, "training").toPath(), taskDir().toPath(), javaVersion, memoryMb,
                aotCache ? events() : List.of()), aotCache, getLog()::info);
    }
}
