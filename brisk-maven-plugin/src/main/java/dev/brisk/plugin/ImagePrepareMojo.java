package dev.brisk.plugin;

import dev.brisk.runtime.image.ImageFiles;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lays out the files a Lambda image adds beside the function: the runtime interface client's jars (this plugin's own,
 * from brisk-bom, without versions in their names) for /var/runtime/lib, and /var/task/jvm.args with Lambda's JVM
 * flags (dev.brisk.runtime.image.ImageJvm) and no AOT cache yet. Jib takes both folders as extra directories.
 */
@Mojo(name = "image-prepare", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public class ImagePrepareMojo extends AbstractImageMojo {

    /** The image's class path (the entrypoint's -cp): every jar it names in /var/runtime/lib must be written. */
    @Parameter(property = "brisk.image.classpath", required = true)
    private String classpath;

    @Override
    protected void run() throws IOException {
        List<String> names = ImageFiles.copyRuntime(ImageFiles.runtimeJars(), new File(imageDir, "runtime").toPath(),
                "/var/runtime/lib", List.of(classpath.split(":")));
        ImageFiles.writeJvmArgs(taskDir().toPath(), javaVersion, "no AOT cache (not trained yet)");
        getLog().info("Image files: " + names.size() + " runtime jars, Lambda's JVM flags for Java " + javaVersion
                + " in " + taskDir() + "/jvm.args");
    }
}
