package dev.brisk.archetypes.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.runtime.image.LambdaImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every generated project must satisfy once its own `verify` has passed. */
class GeneratedProjectIT {

    private static final Pattern HANDLER = Pattern.compile("(?m)^\\s+handler:\\s*([\\w.$]+?)(?:::\\w+)?\\s*$");
    private static final Pattern ARTIFACT = Pattern.compile("(?m)^\\s+artifact:\\s*(\\S+)\\s*$");
    /** A function deployed as a container image: functions.<name>.image, no handler, no package.artifact. */
    private static final Pattern IMAGE = Pattern.compile("(?m)^\\s+image:\\s*\\S+\\s*$");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+);");
    /** Velocity left-overs: a template that did not render. */
    private static final Pattern UNRENDERED = Pattern.compile("\\$\\{d\\}|#set\\(|\\$\\{package\\}|\\$\\{groupId\\}|\\$\\{artifactId\\}|#\\[\\[");

    static List<Path> projects() {
        return GeneratedProjects.all();
    }

    @ParameterizedTest
    @MethodSource("projects")
    void serverlessHandlerNamesAClassInsideTheBuiltJar(Path project) throws IOException {
        String yml = Files.readString(project.resolve("serverless.yml"));
        if (IMAGE.matcher(yml).find()) {
            imageCommandNamesAClassInsideTheJarTheImageCarries(project, yml);
            return;
        }
        Matcher artifact = ARTIFACT.matcher(yml);
        assertTrue(artifact.find(), "serverless.yml has no package.artifact");
        Path jar = project.resolve(artifact.group(1));
        assertTrue(Files.isRegularFile(jar), "package.artifact " + artifact.group(1) + " was not built");

        Matcher handler = HANDLER.matcher(yml);
        assertTrue(handler.find(), "serverless.yml names no handler");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            do {
                String entry = handler.group(1).replace('.', '/') + ".class";
                assertNotNull(zip.getEntry(entry), "handler " + handler.group(1) + " is not in " + jar.getFileName());
            } while (handler.find());
        }
    }

    /**
     * An image function: serverless.yml names neither handler nor artifact (the image does), and the handler of the
     * image's command is a class of a jar of the image's class path outside the runtime client's /var/runtime.
     */
    private static void imageCommandNamesAClassInsideTheJarTheImageCarries(Path project, String yml) throws IOException {
        assertFalse(HANDLER.matcher(yml).find(), "an image function names its handler in the image, not serverless.yml");
        assertFalse(ARTIFACT.matcher(yml).find(), "an image function has no package.artifact");
        Path tar = project.resolve("target/jib-image.tar");
        assertTrue(Files.isRegularFile(tar), "the image tarball was not built: " + tar);
        LambdaImage image = LambdaImage.unpack(tar, project.resolve("target/testkit-image"));
        assertEquals(1, image.command().size(), "the image's command is the handler: " + image.command());
        String entry = image.command().get(0).replaceFirst("::\\w+$", "").replace('.', '/') + ".class";
        List<String> jars = image.classPath().stream().filter(j -> !j.startsWith("/var/runtime/")).toList();
        assertFalse(jars.isEmpty(), "the image's class path holds no function jar: " + image.classPath());
        boolean found = false;
        for (String jar : jars) {
            Path file = image.inRoot(jar);
            if (Files.isRegularFile(file)) {
                try (ZipFile zip = new ZipFile(file.toFile())) {
                    found |= zip.getEntry(entry) != null;
                }
            }
        }
        assertTrue(found, "handler " + image.command().get(0) + " is in none of " + jars);
    }

    @ParameterizedTest
    @MethodSource("projects")
    void javaSourcesSitInTheFolderOfTheirPackage(Path project) throws IOException {
        List<String> misplaced = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(project.resolve("src"))) {
            for (Path source : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher pkg = PACKAGE.matcher(Files.readString(source));
                assertTrue(pkg.find(), source + " declares no package");
                String expected = pkg.group(1).replace('.', '/');
                if (!source.getParent().toString().replace('\\', '/').endsWith(expected)) {
                    misplaced.add(project.relativize(source) + " declares " + pkg.group(1));
                }
            }
        }
        assertEquals(List.of(), misplaced);
    }

    @ParameterizedTest
    @MethodSource("projects")
    void noTemplateSyntaxIsLeftInGeneratedFiles(Path project) throws IOException {
        List<String> unrendered = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(project)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path rel = project.relativize(file);
                if (rel.startsWith("target") || rel.toString().equals("build.log")) {
                    continue;
                }
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                Matcher m = UNRENDERED.matcher(text);
                if (m.find()) {
                    unrendered.add(rel + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), unrendered);
        assertFalse(Files.exists(project.resolve("archetype.properties")), "archetype.properties leaked into the project");
    }
}
