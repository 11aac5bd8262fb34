package dev.brisk.runtime.image;

import java.io.IOException;
import dev.brisk.runtime.internal.LambdaJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a build adds to a Lambda image beside the function's jar: the runtime interface client's jars (as Lambda's
 * managed runtime has them in /var/runtime/lib) and the JVM's argument file for /var/task.
 */
public final class ImageFiles {

    private ImageFiles() {
    }

    /** The runtime interface client's jars and its dependencies, those this library runs local functions with. */
    public static List<Path> runtimeJars() {
        return LambdaJvm.runtimeClasspath(ImageFiles.class.getClassLoader());
    }

    /**
     * The events the build runs an image with: the files listed in eventsFile (one path a line, relative to the
     * project; # comments), or every *.json of eventsDir when there is no list.
     */
    public static List<String> events(Path project, Path eventsFile, Path eventsDir) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(eventsFile)) {
            for (String line : Files.readAllLines(eventsFile)) {
                if (!line.isBlank() && !line.strip().startsWith("#")) {
                    files.add(project.resolve(line.strip()));
                }
            }
        } else if (Files.isDirectory(eventsDir)) {
            try (var list = Files.list(eventsDir)) {
                files.addAll(list.filter(f -> f.toString().endsWith(".json")).sorted().toList());
            }
        }
        List<String> events = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new ImageException(eventsFile + " names " + file + ", which is not there");
            }
            events.add(Files.readString(file));
        }
        if (events.isEmpty()) {
            throw new ImageException("no events to run the image with: list them in " + eventsFile);
        }
        return events;
    }

    /**
     * Copies the runtime jars into runtimeLib, named without their versions (aws-lambda-java-core-1.4.0.jar becomes
     * aws-lambda-java-core.jar), and checks that every jar the image's class path names from that folder is there.
     * Returns the names written.
     */
    public static List<String> copyRuntime(List<Path> runtimeJars, Path runtimeLib, String imageRuntimeLib,
                                           List<String> imageClassPath) throws IOException {
        Tar.deleteTree(runtimeLib);
        Files.createDirectories(runtimeLib);
        List<String> names = new ArrayList<>();
        for (Path jar : runtimeJars) {
            String name = withoutVersion(jar.getFileName().toString());
            Files.copy(jar, runtimeLib.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            names.add(name);
        }
        String prefix = imageRuntimeLib.endsWith("/") ? imageRuntimeLib : imageRuntimeLib + "/";
        for (String entry : imageClassPath) {
            if (entry.startsWith(prefix) && !names.contains(entry.substring(prefix.length()))) {
                throw new ImageException("the image's class path names " + entry + ", but the runtime jars are " + names);
            }
        }
        return names;
    }

    /** Writes the JVM's argument file: Lambda's flags for an image ({@link ImageJvm#flags}), no AOT cache yet. */
    public static Path writeJvmArgs(Path taskDir, int javaFeatureVersion, String why) throws IOException {
        Files.createDirectories(taskDir);
        Files.deleteIfExists(taskDir.resolve("app.aot"));
        Path args = taskDir.resolve(fileName(ImageJvm.ARGS_FILE));
        Files.writeString(args, "# Lambda's JVM flags for an image (dev.brisk.runtime.image.ImageJvm)\n"
                + String.join("\n", ImageJvm.flags(javaFeatureVersion)) + "\n# " + why + "\n");
        return args;
    }

    /** aws-lambda-java-core-1.4.0.jar: aws-lambda-java-core.jar. */
    static String withoutVersion(String jarName) {
        return jarName.replaceFirst("-[0-9][^-]*(-SNAPSHOT)?\\.jar$", ".jar");
    }

    static String fileName(String imagePath) {
        return imagePath.substring(imagePath.lastIndexOf('/') + 1);
    }
}
