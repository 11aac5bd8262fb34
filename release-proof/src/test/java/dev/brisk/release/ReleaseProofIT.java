package dev.brisk.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What a user on a fresh machine gets after a release, proven from the published artifacts alone.
 *
 * <p>This checkout is copied, set to its release version ({@code scripts/release/set-version.sh}) and staged
 * ({@code scripts/release/stage.sh}: every published artifact with its sources and javadoc jars, signed with a key
 * made here, in a file repository, plus the archetype catalog). That file repository then stands in for Maven Central:
 * a project is generated from every archetype and verified with an empty local repository whose only Brisk source is
 * it. Third-party artifacts come from a read-only view of the build's own local repository with {@code dev/brisk}
 * left out (Maven 3.9's {@code maven.repo.local.tail}), or from Maven Central, so nothing of Brisk can leak in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReleaseProofIT {

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);

    private final Path root = Path.of(System.getProperty("brisk.root"));
    private final Path work = Path.of(System.getProperty("brisk.proof.dir"));
    private final Path maven = Path.of(System.getProperty("brisk.mavenHome"), "bin", "mvn");
    private final Path userRepo = Path.of(System.getProperty("brisk.userRepo"));

    private final Path source = work.resolve("source");
    private final Path staging = work.resolve("staging");
    private final Path localRepo = work.resolve("empty-local-repository");
    private final Path tail = work.resolve("third-party-repository");
    private final Path projects = work.resolve("projects");
    private final Path settings = work.resolve("settings.xml");
    private Path gnupgHome;
    private String release;
    /** artifactId -> packaging, for every module the release publishes. */
    private final Map<String, String> published = new LinkedHashMap<>();

    @BeforeAll
    void stageARelease() throws Exception {
        deleteTree(work);
        Files.createDirectories(work);
        copySource(root, source);
        String snapshot = firstVersion(Files.readString(source.resolve("pom.xml")));
        // The proof moves the tree from its development version to a release one
        assertTrue(snapshot.endsWith("-SNAPSHOT"), "the tree is not on a -SNAPSHOT version: " + snapshot);
        release = snapshot.substring(0, snapshot.length() - "-SNAPSHOT".length());
        run(source, work.resolve("set-version.log"), Map.of(), "bash", "scripts/release/set-version.sh", release);

        String secretKey = throwawayKey();
        run(source, work.resolve("stage.log"), Map.of("MAVEN_GPG_KEY", secretKey),
                "bash", "scripts/release/stage.sh", staging.toString());

        for (Path pom : reactorPoms(source)) {
            String text = Files.readString(pom);
            if (text.contains("<maven.deploy.skip>true</maven.deploy.skip>")) {
                continue;
            }
            published.put(ownValue(text, "artifactId"), packaging(text));
        }
        userSide();
    }

    @Test
    void everyPublishedModuleIsStagedWithSourcesJavadocSignaturesAndChecksums() throws Exception {
        assertTrue(published.containsKey("brisk-bom") && published.containsKey("brisk-parent")
                && published.containsKey("brisk-lambda") && published.containsKey("brisk-maven-plugin"), published.toString());
        assertFalse(published.containsKey("brisk-archetype-testkit") || published.containsKey("brisk-deploy-checks"),
                "Brisk's own checks are not published: " + published);
        for (Map.Entry<String, String> module : published.entrySet()) {
            Path dir = staging.resolve("dev/brisk").resolve(module.getKey()).resolve(release);
            String base = module.getKey() + "-" + release;
            List<String> files = new ArrayList<>(List.of(base + ".pom"));
            if (!module.getValue().equals("pom")) {
                files.addAll(List.of(base + ".jar", base + "-sources.jar", base + "-javadoc.jar"));
            }
            for (String file : files) {
                Path artifact = dir.resolve(file);
                assertTrue(Files.isRegularFile(artifact), "missing from the release: " + artifact);
                assertTrue(Files.isRegularFile(dir.resolve(file + ".sha1")), "no checksum: " + file);
                Path signature = dir.resolve(file + ".asc");
                assertTrue(Files.isRegularFile(signature), "not signed: " + file);
                Result verify = exec(work, Map.of("GNUPGHOME", gnupgHome.toString()),
                        "gpg", "--batch", "--verify", signature.toString(), artifact.toString());
                assertEquals(0, verify.code, "bad signature on " + file + ":\n" + verify.output);
                assertTrue(verify.output.contains("Good signature"), verify.output);
            }
        }
        // A corrupted artifact must fail the same check: the signatures really cover the bytes
        Path jar = staging.resolve("dev/brisk/brisk-lambda").resolve(release).resolve("brisk-lambda-" + release + ".jar");
        Path corrupt = work.resolve("corrupt.jar");
        byte[] bytes = Files.readAllBytes(jar);
        bytes[bytes.length / 2] ^= 1;
        Files.write(corrupt, bytes);
        Result bad = exec(work, Map.of("GNUPGHOME", gnupgHome.toString()),
                "gpg", "--batch", "--verify", jar + ".asc", corrupt.toString());
        assertTrue(bad.code != 0 && bad.output.contains("BAD signature"), bad.output);
    }

    @Test
    void everyStagedPomCarriesWhatMavenCentralRequires() throws Exception {
        for (String artifactId : published.keySet()) {
            Path pom = staging.resolve("dev/brisk").resolve(artifactId).resolve(release).resolve(artifactId + "-" + release + ".pom");
            String text = Files.readString(pom);
            assertFalse(text.contains("SNAPSHOT"), artifactId + " still names a snapshot");
            assertFalse(ownValue(text, "name").isBlank(), artifactId + " has no name");
            assertFalse(ownValue(text, "description").isBlank(), artifactId + " has no description");
            // url, licenses, developers and scm: the pom's own or its parents', all of them published
            for (String required : List.of("url", "licenses", "developers", "scm")) {
                assertTrue(inheritedHas(pom, required), artifactId + ": no <" + required + "> in it or its parents");
            }
        }
        String bom = Files.readString(staging.resolve("dev/brisk/brisk-bom").resolve(release).resolve("brisk-bom-" + release + ".pom"));
        assertTrue(bom.contains("<brisk.version>" + release + "</brisk.version>"), "the BOM pins Brisk at the release");
        assertTrue(bom.contains("Apache-2.0") && bom.contains("<connection>scm:git:"), "license and SCM in the BOM");
    }

    @Test
    void theCatalogListsEveryArchetypeWithItsDescription() throws Exception {
        Document catalog = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(staging.resolve("archetype-catalog.xml").toFile());
        Map<String, String> listed = new LinkedHashMap<>();
        var archetypes = catalog.getElementsByTagName("archetype");
        for (int i = 0; i < archetypes.getLength(); i++) {
            Element archetype = (Element) archetypes.item(i);
            assertEquals("dev.brisk", text(archetype, "groupId"));
            assertEquals(release, text(archetype, "version"));
            assertTrue(listed.put(text(archetype, "artifactId"), text(archetype, "description")) == null,
                    "listed twice: " + text(archetype, "artifactId"));
        }
        assertEquals(archetypes(), listed.keySet());
        for (Map.Entry<String, String> entry : listed.entrySet()) {
            Path pom = staging.resolve("dev/brisk").resolve(entry.getKey()).resolve(release).resolve(entry.getKey() + "-" + release + ".pom");
            assertEquals(ownValue(Files.readString(pom), "description").replaceAll("\\s+", " "), entry.getValue());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyArchetypeGeneratesAProjectThatVerifiesFromTheReleaseAlone() {
        return archetypes().stream().map(archetype -> DynamicTest.dynamicTest(archetype, () -> {
            String artifactId = "proof-" + archetype.replace("brisk-", "").replace("-archetype", "");
            Path logs = work.resolve("logs");
            Files.createDirectories(logs);
            userMaven(projects, logs.resolve(artifactId + "-generate.log"), null, "-B", "archetype:generate",
                    "-DarchetypeGroupId=dev.brisk", "-DarchetypeArtifactId=" + archetype, "-DarchetypeVersion=" + release,
                    "-DgroupId=com.example.proof", "-DartifactId=" + artifactId);
            Path project = projects.resolve(artifactId);
            String pom = Files.readString(project.resolve("pom.xml"));
            assertTrue(pom.contains("<artifactId>brisk-parent</artifactId>") && pom.contains("<version>" + release + "</version>"),
                    "the generated project inherits the released brisk-parent");
            List<String> verifyArgs = new ArrayList<>(List.of("-B", "verify"));
            verifyArgs.addAll(offlineImageBase(archetype));
            Result verify = userMaven(project, logs.resolve(artifactId + "-verify.log"), null, verifyArgs.toArray(String[]::new));
            assertTrue(verify.output.contains("BUILD SUCCESS"), verify.output);
            assertOnlyFromTheRelease();
        }));
    }

    @Test
    void interactiveGenerationListsTheArchetypesAndAsksForEachPropertyWithItsDefault() throws Exception {
        Files.createDirectories(work.resolve("interactive"));
        Map<String, String> answers = Map.of("groupId", "com.acme", "artifactId", "acme-orders",
                "package", "com.acme.orders", "memorySize", "1024");
        Result result = userMaven(work.resolve("interactive"), work.resolve("interactive.log"), answers,
                "archetype:generate", "-Dfilter=dev.brisk:", "-DarchetypeCatalog=remote");
        String out = result.output;
        for (String archetype : archetypes()) {
            Path pom = staging.resolve("dev/brisk").resolve(archetype).resolve(release).resolve(archetype + "-" + release + ".pom");
            String description = ownValue(Files.readString(pom), "description").replaceAll("\\s+", " ");
            assertTrue(out.contains("remote -> dev.brisk:" + archetype + " (" + description + ")"),
                    archetype + " is not listed with its description:\n" + out);
        }
        // Every property was asked for, each with its default shown
        for (Map.Entry<String, String> expected : Map.of("groupId", "com.example", "artifactId", "http-api",
                "memorySize", "512", "javaVersion", "25", "architecture", "arm64").entrySet()) {
            Matcher prompt = Pattern.compile("Define value for property '" + expected.getKey() + "'[^:]*?"
                    + Pattern.quote(expected.getValue()) + ":").matcher(out);
            assertTrue(prompt.find(), "no prompt for " + expected + ":\n" + out);
        }
        Path project = work.resolve("interactive/acme-orders");
        assertTrue(Files.readString(project.resolve("serverless.yml")).contains("memorySize: 1024"), "answers were used");
        assertTrue(Files.isDirectory(project.resolve("src/main/java/com/acme/orders")), "the package answered");
    }

    // ------------------------------------------------------------------------------------------------ the user side

    private void userSide() throws IOException {
        // The build's own repository minus dev/brisk, read-only: third-party artifacts without a second download
        Files.createDirectories(tail);
        try (Stream<Path> entries = Files.list(userRepo)) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals("dev")) {
                    Files.createSymbolicLink(tail.resolve(entry.getFileName()), entry);
                }
            }
        }
        Path dev = userRepo.resolve("dev");
        if (Files.isDirectory(dev)) {
            Files.createDirectories(tail.resolve("dev"));
            try (Stream<Path> entries = Files.list(dev)) {
                for (Path entry : entries.toList()) {
                    if (!entry.getFileName().toString().equals("brisk")) {
                        Files.createSymbolicLink(tail.resolve("dev").resolve(entry.getFileName()), entry);
                    }
                }
            }
        }
        assertFalse(Files.exists(tail.resolve("dev/brisk")));
        Files.createDirectories(localRepo);
        Files.createDirectories(projects);
        // The staged repository stands in for Maven Central: after a release a user needs no settings at all
        String url = staging.toUri().toString();
        Files.writeString(settings, """
                <settings>
                  <profiles>
                    <profile>
                      <!-- not brisk-release: an active settings profile also activates a pom profile of that id -->
                      <id>the-release-under-test</id>
                      <repositories>
                        <repository><id>brisk-release</id><url>%1$s</url><snapshots><enabled>false</enabled></snapshots></repository>
                        <!-- the repository archetype:generate reads its remote catalog from -->
                        <repository><id>archetype</id><url>%1$s</url><snapshots><enabled>false</enabled></snapshots></repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository><id>brisk-release</id><url>%1$s</url><snapshots><enabled>false</enabled></snapshots></pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>the-release-under-test</activeProfile></activeProfiles>
                </settings>
                """.formatted(url));
    }

    private Result userMaven(Path dir, Path log, Map<String, String> answers, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(maven.toString(), "-s", settings.toString(),
                "-Dmaven.repo.local=" + localRepo, "-Dmaven.repo.local.tail=" + tail));
        command.addAll(List.of(args));
        Result result = answers == null ? exec(dir, Map.of(), command.toArray(String[]::new))
                : interactive(dir, answers, command);
        Files.writeString(log, result.output);
        assertEquals(0, result.code, String.join(" ", args) + " failed in " + dir + " (log " + log + "):\n" + lastLines(result.output, 60));
        return result;
    }

    /**
     * A container-image project pulls its base image from a registry, which this build cannot reach: as the archetype's
     * own tests do, it builds on a stand-in assembled from the JDK running this build (the archetype's
     * src/test/base-image script), for this machine's architecture. Other archetypes need nothing.
     */
    private List<String> offlineImageBase(String archetype) throws Exception {
        Path script = source.resolve("archetypes").resolve(archetype).resolve("src/test/base-image/jdk-stand-in.sh");
        if (!Files.isRegularFile(script)) {
            return List.of();
        }
        Path base = work.resolve("base-images/jdk-stand-in.tar");
        Files.createDirectories(base.getParent());
        run(work, work.resolve("base-image.log"), Map.of(), "sh", script.toString(), System.getProperty("java.home"),
                base.toString(), "amd64", "jdk");
        return List.of("-Dbrisk.image.from=tar://" + base, "-Dbrisk.image.architecture=amd64", "-Dbrisk.runs=3");
    }

    /** Every Brisk artifact in the user's local repository came from the release, none from anywhere else. */
    private void assertOnlyFromTheRelease() throws IOException {
        Path brisk = localRepo.resolve("dev/brisk");
        assertTrue(Files.isDirectory(brisk), "nothing of Brisk was resolved");
        try (Stream<Path> files = Files.walk(brisk)) {
            List<Path> origins = files.filter(f -> f.getFileName().toString().equals("_remote.repositories")).toList();
            assertFalse(origins.isEmpty());
            for (Path origin : origins) {
                for (String line : Files.readAllLines(origin)) {
                    if (!line.startsWith("#") && !line.isBlank()) {
                        assertTrue(line.endsWith(">brisk-release="), origin + ": " + line);
                    }
                }
            }
        }
        try (Stream<Path> versions = Files.walk(brisk, 2)) {
            Set<String> found = versions.filter(p -> brisk.relativize(p).getNameCount() == 2)
                    .map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(Set.of(release), found, "only the released version of Brisk");
        }
    }

    /** Answers Maven's prompts one at a time, as a person would: the prompter reads whatever is waiting on stdin. */
    private Result interactive(Path dir, Map<String, String> answers, List<String> command) throws Exception {
        Process process = start(dir, Map.of(), command);
        StringBuilder out = new StringBuilder();
        Pattern define = Pattern.compile("Define value for property '([A-Za-z]+)'[^\\n]*: $");
        InputStream in = process.getInputStream();
        OutputStream stdin = process.getOutputStream();
        int confirmations = 0;
        byte[] buffer = new byte[8192];
        long deadline = System.nanoTime() + BUILD_TIMEOUT.toNanos();
        int answered = 0;
        while (process.isAlive() || in.available() > 0) {
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                fail("interactive generation did not finish:\n" + out);
            }
            if (in.available() > 0) {
                int n = in.read(buffer);
                out.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                continue;
            }
            Thread.sleep(200);
            if (in.available() > 0 || out.length() == answered) {
                continue;
            }
            String pending = out.substring(answered);
            String answer = null;
            Matcher property = define.matcher(pending);
            if (property.find()) {
                answer = answers.getOrDefault(property.group(1), "");
            } else if (pending.endsWith(" Y: ")) {
                answer = confirmations++ == 0 ? "N" : "Y";
            } else if (pending.endsWith("case sensitive contains): : ")) {
                answer = String.valueOf(choiceOf(out.toString(), "brisk-http-api-archetype"));
            }
            if (answer != null) {
                stdin.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
                answered = out.length();
            }
        }
        return new Result(process.waitFor(), out.toString());
    }

    private static int choiceOf(String listing, String archetype) {
        Matcher choice = Pattern.compile("(\\d+): remote -> dev\\.brisk:" + Pattern.quote(archetype) + " ").matcher(listing);
        assertTrue(choice.find(), archetype + " is not offered:\n" + listing);
        return Integer.parseInt(choice.group(1));
    }

    // ----------------------------------------------------------------------------------------------------- staging

    private String throwawayKey() throws Exception {
        // gpg-agent's socket path must be short: not under target/
        gnupgHome = Files.createTempDirectory(Path.of("/tmp"), "brisk-gpg",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Map<String, String> env = Map.of("GNUPGHOME", gnupgHome.toString());
        Result key = exec(work, env, "gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                "--quick-gen-key", "Brisk release proof <release-proof@brisk.invalid>", "rsa3072", "sign", "1d");
        assertEquals(0, key.code, key.output);
        Result export = exec(work, env, "gpg", "--batch", "--armor", "--pinentry-mode", "loopback", "--passphrase", "",
                "--export-secret-keys");
        assertEquals(0, export.code);
        assertTrue(export.output.contains("BEGIN PGP PRIVATE KEY BLOCK"), "no key exported");
        return export.output.substring(export.output.indexOf("-----BEGIN"));
    }

    private Set<String> archetypes() {
        return published.entrySet().stream().filter(e -> e.getValue().equals("maven-archetype"))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Path> reactorPoms(Path source) throws IOException {
        List<Path> poms = new ArrayList<>();
        collectModules(source, poms);
        return poms;
    }

    private static void collectModules(Path dir, List<Path> poms) throws IOException {
        Path pom = dir.resolve("pom.xml");
        poms.add(pom);
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(pom));
        while (module.find()) {
            collectModules(dir.resolve(module.group(1)), poms);
        }
    }

    private boolean inheritedHas(Path pom, String element) throws Exception {
        for (Path current = pom; current != null; ) {
            String text = Files.readString(current);
            if (!ownValue(text, element).isBlank() || hasOwnElement(text, element)) {
                return true;
            }
            Matcher parent = Pattern.compile("<parent>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>")
                    .matcher(text);
            if (!parent.find()) {
                return false;
            }
            assertEquals("dev.brisk", parent.group(1));
            current = staging.resolve("dev/brisk").resolve(parent.group(2)).resolve(parent.group(3))
                    .resolve(parent.group(2) + "-" + parent.group(3) + ".pom");
            assertTrue(Files.isRegularFile(current), "parent not published: " + current);
        }
        return false;
    }

    private static boolean hasOwnElement(String pom, String element) throws Exception {
        Element project = project(pom);
        for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && e.getTagName().equals(element) && e.getElementsByTagName("*").getLength() > 0) {
                return true;
            }
        }
        return false;
    }

    /** A direct child of project (not of parent or a dependency). */
    private static String ownValue(String pom, String element) {
        try {
            Element project = project(pom);
            for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element e && e.getTagName().equals(element)) {
                    return e.getTextContent().trim();
                }
            }
            return "";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Element project(String pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(pom.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    }

    private static String packaging(String pom) {
        String packaging = ownValue(pom, "packaging");
        return packaging.isEmpty() ? "jar" : packaging;
    }

    private static String firstVersion(String pom) {
        return ownValue(pom, "version");
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().trim();
    }

    // ------------------------------------------------------------------------------------------------------ plumbing

    private record Result(int code, String output) {}

    private Result run(Path dir, Path log, Map<String, String> env, String... command) throws Exception {
        Result result = exec(dir, env, command);
        Files.writeString(log, result.output);
        assertEquals(0, result.code, String.join(" ", command) + " failed (log " + log + "):\n" + lastLines(result.output, 80));
        return result;
    }

    private Result exec(Path dir, Map<String, String> env, String... command) throws Exception {
        Process process = start(dir, env, List.of(command));
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail("timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private Process start(Path dir, Map<String, String> env, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_OPTS");
        builder.environment().remove("MAVEN_ARGS");
        builder.environment().putAll(env);
        return builder.start();
    }

    private static String lastLines(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    /** The checkout as a clean clone has it: no build output, no installed node modules, no git metadata. */
    private static void copySource(Path from, Path to) throws IOException {
        Set<String> skip = Set.of("target", ".git", "node_modules", "serverless-examples", "benchmarks");
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && skip.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
