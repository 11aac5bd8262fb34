package dev.brisk.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The rewrite against javac's own output: src/test/resources/lambda-fixture (every kind of lambda call site) compiled
 * for Java 8 (the AWS SDK's class files), 17 and the running JDK, run before and after the rewrite in fresh class
 * loaders (the JVM verifies both), and compared.
 */
class LambdaClassesTest {

    @ParameterizedTest
    @ValueSource(ints = {8, 17, 0})
    void everyKindOfCallSite_behavesAsBefore_fromClassesOfItsOwn(int release, @TempDir Path dir) throws Exception {
        int feature = release == 0 ? Runtime.version().feature() : release;
        Path jar = compileFixture(dir, feature);
        Path rewritten = dir.resolve("rewritten.jar");
        Files.copy(jar, rewritten);

        LambdaClasses.Result result = LambdaClasses.rewriteJar(rewritten, name -> true);

        List<Object> before = run(jar);
        List<Object> after = run(rewritten);
        assertEquals(before.get(0), after.get(0), "the fixture's results, release " + feature);
        assertEquals("constant", ((List<?>) after.get(0)).get(0));
        assertEquals(true, ((List<?>) after.get(0)).get(1), "a non-capturing lambda is one object");
        assertEquals(true, ((List<?>) after.get(0)).get(5), "a capturing lambda is a new object each time");

        @SuppressWarnings("unchecked")
        List<String> classesBefore = (List<String>) before.get(1);
        @SuppressWarnings("unchecked")
        List<String> classesAfter = (List<String>) after.get(1);
        assertTrue(classesBefore.stream().allMatch(LambdaClassesTest::hidden), classesBefore::toString);
        // only the serializable lambda is left to the metafactory
        assertEquals(List.of("fix.Kinds$$Lambda"), classesAfter.stream().filter(LambdaClassesTest::hidden)
                .map(n -> n.substring(0, n.indexOf("$$Lambda") + "$$Lambda".length())).toList(),
                classesAfter::toString);
        assertTrue(classesAfter.stream().filter(n -> !hidden(n))
                .allMatch(n -> n.matches("fix\\.Kinds(\\$Twice)?\\$\\$Lambda\\$\\d+")),
                classesAfter::toString);

        // the serializable lambda's site, and the one javac writes for it in $deserializeLambda$
        assertEquals(Map.of("serializable lambda", 2), result.left());
        assertEquals(2, result.hosts(), "Kinds and Kinds$Twice");
        assertEquals(lambdaSites(jar) - 2, result.sites());
        assertEquals(2, lambdaSites(rewritten));
        assertTrue(result.sites() >= 35, "sites: " + result.sites());
        // sites of one shape share a class: the six non-capturing Function<String, String> of run() one of them
        try (JarFile file = new JarFile(rewritten.toFile())) {
            long classes = file.stream().filter(e -> e.getName().contains("$$Lambda$")).count();
            assertTrue(classes > 1 && classes < result.sites() - 10, classes + " classes for " + result.sites());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {17})
    void theRestOfTheJar_isKept_andExcludedClassesAreNotTouched(int release, @TempDir Path dir) throws Exception {
        Path jar = compileFixture(dir, release);
        Path rewritten = dir.resolve("rewritten.jar");
        Files.copy(jar, rewritten);

        LambdaClasses.Result result = LambdaClasses.rewriteJar(rewritten, name -> !name.equals("fix/Kinds"));

        assertEquals(1, result.hosts(), "Kinds$Twice only");
        try (JarFile before = new JarFile(jar.toFile()); JarFile after = new JarFile(rewritten.toFile())) {
            assertEquals("fix.Kinds", after.getManifest().getMainAttributes().getValue("Main-Class"));
            assertEquals(bytes(before, "fix/Kinds.class").length, bytes(after, "fix/Kinds.class").length);
            assertTrue(java.util.Arrays.equals(bytes(before, "fix/Kinds.class"), bytes(after, "fix/Kinds.class")));
            assertTrue(java.util.Arrays.equals(bytes(before, "fix/other/Base.class"),
                    bytes(after, "fix/other/Base.class")));
            assertEquals("kept", new String(bytes(after, "fix/notes.txt"), StandardCharsets.UTF_8));
            assertEquals(OLD, after.getJarEntry("fix/Kinds.class").getTime());
            assertEquals(OLD, after.getJarEntry("fix/Kinds$Twice.class").getTime(), "a rewritten class keeps its time");
            assertEquals(JarEntry.STORED, after.getJarEntry("fix/stored.bin").getMethod(), "stored stays stored");
            assertEquals("uncompressed", new String(bytes(after, "fix/stored.bin"), StandardCharsets.UTF_8));
            List<String> names = after.stream().map(JarEntry::getName).toList();
            int host = names.indexOf("fix/Kinds$Twice.class");
            assertTrue(names.get(host + 1).startsWith("fix/Kinds$Twice$$Lambda$"), names::toString);
        }
        List<Object> after = run(rewritten);
        assertEquals(run(jar).get(0), after.get(0));
    }

    @org.junit.jupiter.api.Test
    void hundredsOfSitesOfOneShape_shareOneClass_andEachKeepsItsOwnBody(@TempDir Path dir) throws Exception {
        int n = 300;
        StringBuilder source = new StringBuilder("package many;\nimport java.util.function.Supplier;\n"
                + "public class Many {\n    public static Supplier<?>[] all() {\n        return new Supplier<?>[] {\n");
        for (int i = 0; i < n; i++) {
            source.append("            Many::m").append(i).append(",\n");
        }
        source.append("        };\n    }\n");
        for (int i = 0; i < n; i++) {
            source.append("    static String m").append(i).append("() { return \"").append(i).append("\"; }\n");
        }
        source.append("}\n");
        Path src = dir.resolve("src/many/Many.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        // a class of the jar already has the first name the rewrite would take
        Path taken = dir.resolve("src/many/Taken.java");
        Files.writeString(taken, "package many;\nclass Many$$Lambda$0 {\n}\n");
        Path classes = dir.resolve("classes");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d",
                classes.toString(), src.toString(), taken.toString()));
        Path jar = dir.resolve("many.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("many/Many$$Lambda$0.class", "many/Many.class")) {
                out.putNextEntry(new JarEntry(name));
                out.write(Files.readAllBytes(classes.resolve(name)));
                out.closeEntry();
            }
        }

        LambdaClasses.Result result = LambdaClasses.rewriteJar(jar, name -> true);

        assertEquals(n, result.sites());
        try (JarFile file = new JarFile(jar.toFile())) {
            assertEquals(List.of("many/Many$$Lambda$0.class", "many/Many.class", "many/Many$$Lambda$1.class"),
                    file.stream().map(JarEntry::getName).toList());
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Object[] all = (Object[]) loader.loadClass("many.Many").getMethod("all").invoke(null);
            for (int i = 0; i < n; i++) {
                assertEquals(Integer.toString(i), ((java.util.function.Supplier<?>) all[i]).get(), "site " + i);
                assertEquals("many.Many$$Lambda$1", all[i].getClass().getName());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aSignedJar_isRefused_andLeftAsItWas(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("signed.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/SIGNER.SF"));
            out.write("Signature-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        byte[] before = Files.readAllBytes(jar);

        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LambdaClasses.rewriteJar(jar, name -> true));

        assertTrue(e.getMessage().contains("is signed (META-INF/SIGNER.SF)"), e.getMessage());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(jar)));
    }

    /** 2000-01-01: entry times the rewrite must keep, which a jar written now would not have. */
    private static final long OLD = 946_684_800_000L;

    private static boolean hidden(String className) {
        return className.contains("/");
    }

    private static byte[] bytes(JarFile jar, String name) throws IOException {
        return jar.getInputStream(jar.getEntry(name)).readAllBytes();
    }

    /** Runs Kinds.run() in a class loader of its own: its results, and the class names of its functional objects. */
    private static List<Object> run(Path jar) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> kinds = loader.loadClass("fix.Kinds");
            Object results = kinds.getMethod("run").invoke(null);
            List<String> classes = new ArrayList<>();
            for (Object f : (List<?>) kinds.getField("FUNCTIONS").get(null)) {
                classes.add(f.getClass().getName());
            }
            return List.of(results, classes);
        }
    }

    /** The call sites bootstrapped by LambdaMetafactory in a jar's classes. */
    private static int lambdaSites(Path jar) throws IOException {
        AtomicInteger sites = new AtomicInteger();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : file.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                new ClassReader(bytes(file, e.getName())).accept(new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(int a, String n, String d, String s, String[] x) {
                        return new MethodVisitor(Opcodes.ASM9) {
                            @Override
                            public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... args) {
                                if (bsm.getOwner().equals("java/lang/invoke/LambdaMetafactory")) {
                                    sites.incrementAndGet();
                                }
                            }
                        };
                    }
                }, 0);
            }
        }
        return sites.get();
    }

    /** javac over the fixture for a release, into a jar with a manifest, a text file and directory entries. */
    private static Path compileFixture(Path dir, int release) throws IOException {
        Path source = Path.of("src/test/resources/lambda-fixture");
        List<String> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        Path classes = dir.resolve("classes-" + release);
        List<String> args = new ArrayList<>(List.of("--release", Integer.toString(release), "-Xlint:-options",
                "-d", classes.toString()));
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "javac --release " + release);
        Files.writeString(classes.resolve("fix/notes.txt"), "kept");

        Path jar = dir.resolve("fixture-" + release + ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "fix.Kinds");
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(classes)) {
            entries = walk.filter(p -> !p.equals(classes)).sorted().toList();
        }
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest)) {
            byte[] stored = "uncompressed".getBytes(StandardCharsets.UTF_8);
            JarEntry storedEntry = new JarEntry("fix/stored.bin");
            storedEntry.setMethod(JarEntry.STORED);
            storedEntry.setSize(stored.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(stored);
            storedEntry.setCrc(crc.getValue());
            out.putNextEntry(storedEntry);
            out.write(stored);
            out.closeEntry();
            for (Path p : entries) {
                String name = classes.relativize(p).toString().replace('\\', '/');
                JarEntry entry = new JarEntry(Files.isDirectory(p) ? name + "/" : name);
                entry.setTime(OLD);
                out.putNextEntry(entry);
                if (!Files.isDirectory(p)) {
                    out.write(Files.readAllBytes(p));
                }
                out.closeEntry();
            }
        }
        assertFalse(entries.isEmpty());
        return jar;
    }
}
