package dev.brisk.archetypes.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import groovy.util.Expando;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Batch-mode generation (what the README's command does) skips archetype-metadata.xml's validationRegex, so the
 * post-generate script checks every property: each bad value must stop generation with a message naming the property
 * and the value, and leave no project behind. Every case runs the archetype's own script as maven-archetype runs it;
 * one case also runs {@code mvn archetype:generate} for real, from the archetype this build installed.
 */
class BadPropertiesIT {

    /** Values no template may accept: properties every template has. */
    private static final List<String> COMMON = List.of(
            "package=com.example.2orders", "package=com.example.class", "package=com..example", "package=com-example",
            "artifactId=1orders", "artifactId=orders_api",
            "javaVersion=17", "javaVersion=26", "architecture=arm", "architecture=amd64",
            "memorySize=64", "memorySize=127", "memorySize=20000", "memorySize=lots",
            "timeout=0", "timeout=901", "snapStart=yes", "region=moon-1");

    static Stream<String> badValues() throws IOException {
        // The common values of the properties this archetype has (a container image has no snapStart)
        Properties has = defaults();
        List<String> all = new ArrayList<>(COMMON.stream()
                .filter(value -> has.containsKey(value.substring(0, value.indexOf('=')))).toList());
        Path own = Path.of(System.getProperty("brisk.archetype.badProperties"));
        if (Files.isRegularFile(own)) {
            for (String line : Files.readAllLines(own, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    all.add(line.strip());
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void aBadValueStopsGenerationNamingItAndLeavesNothing(String override, @TempDir Path out) throws IOException {
        Properties props = defaults();
        String key = override.substring(0, override.indexOf('='));
        assertTrue(props.containsKey(key), "the archetype has no property " + key);
        props.setProperty(key, override.substring(key.length() + 1));
        Path project = out.resolve(props.getProperty("artifactId"));
        Files.createDirectories(project.resolve("src/main/java"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> runScript(props, out));

        assertTrue(e.getMessage().contains(override + ":"), "names the property and value: " + e.getMessage());
        assertTrue(e.getMessage().contains("expected") || e.getMessage().contains("must"),
                "says what is allowed: " + e.getMessage());
        assertFalse(Files.exists(project), "nothing left on disk");
    }

    @Test
    void theDefaultsPassAndTheProjectStays(@TempDir Path out) throws IOException {
        Properties props = defaults();
        Path project = out.resolve(props.getProperty("artifactId"));
        Files.createDirectories(project);

        runScript(props, out);

        assertTrue(Files.isDirectory(project));
    }

    /** The real thing once: mvn archetype:generate in batch mode, from the repository this build installed into. */
    @Test
    void realBatchGenerationRefusesAndLeavesNoFolder(@TempDir Path out) throws IOException, InterruptedException {
        String[] gav = System.getProperty("brisk.archetype.coordinates").split(":");
        Path mvn = Path.of(System.getProperty("brisk.mavenHome"), "bin", "mvn");
        Path log = out.resolve("generate.log");
        Path work = Files.createDirectories(out.resolve("work"));
        Process process = new ProcessBuilder(mvn.toString(), "-B", "-o",
                "-Dmaven.repo.local=" + System.getProperty("brisk.it.repo"),
                "-Dmaven.repo.local.tail=" + System.getProperty("brisk.userRepo"),
                "org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate",
                "-DarchetypeGroupId=" + gav[0], "-DarchetypeArtifactId=" + gav[1], "-DarchetypeVersion=" + gav[2],
                "-DgroupId=com.example", "-DartifactId=refused", "-Dpackage=com.example.refused",
                "-DjavaVersion=17", "-DinteractiveMode=false")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "mvn archetype:generate finished");
        String output = Files.readString(log);

        assertNotEquals(0, process.exitValue(), output);
        assertTrue(output.contains(gav[1] + ": javaVersion=17: expected one of 21, 25"), output);
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "no project left behind");
        }
    }

    private static void runScript(Properties props, Path outputDirectory) {
        Expando request = new Expando();
        request.setProperty("properties", props);
        request.setProperty("outputDirectory", outputDirectory.toString());
        request.setProperty("artifactId", props.getProperty("artifactId"));
        request.setProperty("packageName", props.getProperty("package"));
        request.setProperty("archetypeArtifactId", System.getProperty("brisk.archetype.coordinates").split(":")[1]);
        Binding binding = new Binding();
        binding.setVariable("request", request);
        Path script = Path.of(System.getProperty("brisk.archetype.classes"), "META-INF", "archetype-post-generate.groovy");
        try {
            new GroovyShell(binding).evaluate(script.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + script, e);
        }
    }

    /** Every required property with its default, from the built archetype-metadata.xml. */
    private static Properties defaults() {
        Path descriptor = Path.of(System.getProperty("brisk.archetype.classes"), "META-INF", "maven",
                "archetype-metadata.xml");
        Properties props = new Properties();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document doc = factory.newDocumentBuilder().parse(descriptor.toFile());
            NodeList required = doc.getElementsByTagNameNS("*", "requiredProperty");
            for (int i = 0; i < required.getLength(); i++) {
                Element property = (Element) required.item(i);
                NodeList value = property.getElementsByTagNameNS("*", "defaultValue");
                props.setProperty(property.getAttribute("key"),
                        value.getLength() == 0 ? "" : value.item(0).getTextContent().trim());
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + descriptor, e);
        }
        return props;
    }
}
