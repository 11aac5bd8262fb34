package dev.brisk.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Builds a function jar at test time from the compiled fixture handlers, with org.crac inside as a shaded
 * function jar has it; Lambda's runtime jars stay out, as in a real deployment package.
 */
final class FixtureJar {

    private FixtureJar() {
    }

    static Path build(Path target) throws IOException {
        Path classes = location(dev.brisk.fixtures.EchoHandler.class);
        Path fixtures = classes.resolve("dev/brisk/fixtures");
        Files.createDirectories(target.getParent());
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file)) {
            List<Path> classFiles;
            try (Stream<Path> walk = Files.walk(fixtures)) {
                classFiles = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
            }
            for (Path c : classFiles) {
                jar.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                Files.copy(c, jar);
                jar.closeEntry();
            }
            try (JarFile crac = new JarFile(location(org.crac.Core.class).toFile())) {
                Enumeration<JarEntry> entries = crac.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    if (e.getName().startsWith("org/crac/") && e.getName().endsWith(".class")) {
                        jar.putNextEntry(new JarEntry(e.getName()));
                        try (InputStream in = crac.getInputStream(e)) {
                            in.transferTo(jar);
                        }
                        jar.closeEntry();
                    }
                }
            }
        }
        return target;
    }

    private static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
