package dev.brisk.image;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A Lambda container image built by Jib, read and run the way Lambda does: the image tarball's manifest and config,
 * its layers unpacked in order into a root folder, then the config's entrypoint and command started with the image's
 * environment and working directory, against a Runtime API served on loopback. Absolute paths of the entrypoint are
 * resolved inside the unpacked root (no container, no Docker).
 *
 * <p>The build uses it to train the JDK AOT cache on the image's own JVM ({@code train}) and to prove that the image it
 * ships accepts that cache ({@code check}); the image's integration tests use the same API.
 */
public final class LambdaImage {

    /** The image's JVM flags come from a file in the image, so an image without a cache carries no cache flag. */
    public static final String AOT_ARGS = "/var/task/aot.args";
    public static final String AOT_CACHE = "/var/task/app.aot";
    private static final String NATIVE_CLIENT =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    /** AOT code is off by default in JDK 25; off explicitly, so a cache never holds code for the training CPU. */
    private static final List<String> NO_CPU_SPECIFIC_CODE = List.of(
            "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTAdapterCaching", "-XX:-AOTStubCaching");

    private final Path root;
    private final Map<String, Object> config;
    private final List<Layer> layers;

    /** One layer of the image: its blob in the tarball, its size there, the paths it holds. */
    public record Layer(String blob, long size, List<String> paths) {
    }

    private LambdaImage(Path root, Map<String, Object> config, List<Layer> layers) {
        this.root = root;
        this.config = config;
        this.layers = layers;
    }

    // ---- command line: the build's steps

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        try {
            switch (command) {
                case "prepare" -> prepare(Path.of(args[1]));
                case "train" -> train(Path.of(args[1]), Path.of(args[2]), args[3], Path.of(args[4]), Path.of(args[5]),
                        Boolean.parseBoolean(args[6]), Integer.parseInt(args[7]), Integer.parseInt(args[8]),
                        events(args, 9));
                case "check" -> check(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), Integer.parseInt(args[4]),
                        events(args, 5));
                default -> throw new IllegalArgumentException("usage: prepare|train|check ...");
            }
        } catch (ImageException e) {
            System.err.println("[brisk image] " + e.getMessage());
            System.exit(1);
        }
    }

    /** The sample events: files, or every *.json of a folder (the project's events/). */
    private static List<String> events(String[] args, int from) throws IOException {
        List<String> events = new ArrayList<>();
        for (int i = from; i < args.length; i++) {
            Path path = Path.of(args[i]);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                        events.add(Files.readString(file));
                    }
                }
            } else {
                events.add(Files.readString(path));
            }
        }
        return events;
    }

    /** Empties the folder that becomes /var/task's extra files, with an empty aot.args: no cache flag. */
    static void prepare(Path aotDir) throws IOException {
        deleteTree(aotDir);
        Files.createDirectories(aotDir);
        Files.writeString(aotDir.resolve("aot.args"), "# no AOT cache (not trained yet)\n");
    }

    /**
     * Trains the AOT cache on the base image's layers: its JVM, the image's class path and flags, with the function's
     * jar where Jib puts it (timestamp as Jib sets it), driven by the sample events. Writes app.aot and aot.args into
     * aotDir (Jib's extra files for /var/task), and next to it the fingerprint the cache is bound to.
     */
    static void train(Path baseTar, Path jar, String imageJar, Path work, Path aotDir, boolean wanted, int javaVersion,
                      int memoryMb, List<String> events) throws IOException, InterruptedException {
        Path args = aotDir.resolve("aot.args");
        if (!wanted) {
            Files.writeString(args, "# no AOT cache: brisk.image.aotCache=false\n");
            log("AOT cache off (brisk.image.aotCache=false): the image ships without one");
            return;
        }
        if (javaVersion < 25) {
            throw new ImageException("Java " + javaVersion + " has no AOT cache (JEP 483 needs JDK 24, the one-step"
                    + " training JDK 25): set <brisk.image.aotCache>false</brisk.image.aotCache> or lambda.java.version 25");
        }
        LambdaImage image = unpack(baseTar, work);
        Path placed = image.inRoot(imageJar);
        Files.createDirectories(placed.getParent());
        Files.copy(jar, placed, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(placed, FileTime.from(1, TimeUnit.SECONDS)); // Jib's EPOCH_PLUS_SECOND
        String hostArch = hostArchitecture();
        if (!image.architecture().equals(hostArch)) {
            Files.writeString(args, "# no AOT cache: built on " + hostArch + " for " + image.architecture() + "\n");
            log("AOT cache NOT trained: this machine is " + hostArch + " and the image is " + image.architecture()
                    + "; a cache must be trained on the JVM that runs it. The image ships WITHOUT a cache. Build on an "
                    + image.architecture() + " machine for one, or set -Dbrisk.image.aotCache=false to silence this.");
            return;
        }
        Path cache = aotDir.resolve("app.aot").toAbsolutePath();
        Path conf = work.resolve("app.aotconf").toAbsolutePath();
        Files.deleteIfExists(cache);
        long start = System.nanoTime();
        // Record: the image's JVM runs the function for the events; SIGTERM, and it writes what it saw at exit
        List<String> record = new ArrayList<>(NO_CPU_SPECIFIC_CODE);
        record.addAll(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + conf));
        try (Running fn = image.start(memoryMb, record, Map.of())) {
            for (String event : events) {
                for (int i = 0; i < 3; i++) {
                    Invocation inv = fn.invoke(event);
                    if (inv.error()) {
                        throw new ImageException("training invocation failed: " + inv.body() + "\n" + fn.output());
                    }
                }
            }
            fn.terminate(60);
            if (!Files.isRegularFile(conf)) {
                throw new ImageException("the training JVM wrote no AOT configuration:\n" + fn.output());
            }
        }
        // Create: the same JVM, flags and class path assemble the cache (what JDK 25's -XX:AOTCacheOutput does in a
        // child JVM, which a signalled exit skips)
        List<String> create = new ArrayList<>(NO_CPU_SPECIFIC_CODE);
        create.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + conf, "-XX:AOTCache=" + cache));
        String[] assembled = image.runJvm(memoryMb, create);
        if (!"0".equals(assembled[0]) || !Files.isRegularFile(cache)) {
            throw new ImageException("assembling the AOT cache failed (exit " + assembled[0] + "):\n" + assembled[1]);
        }
        Files.writeString(args, "-XX:AOTCache=" + AOT_CACHE + "\n");
        Files.writeString(aotDir.resolveSibling("aot.fingerprint"), image.fingerprint());
        log(String.format(Locale.ROOT, "AOT cache trained on the image's JVM (%s, %s) in %.1f s: %,d KB, %d events x 3",
                image.javaVersion(), image.architecture(), (System.nanoTime() - start) / 1e9, Files.size(cache) / 1024,
                events.size()));
    }

    /**
     * Fails unless the built image holds exactly what the cache was trained on (JVM and every class path jar, byte
     * for byte) and its JVM accepts the cache: the image's entrypoint with -XX:AOTMode=on, which refuses to start
     * without a usable cache, answers the events.
     */
    static void check(Path imageTar, Path work, Path fingerprint, int memoryMb, List<String> events)
            throws IOException, InterruptedException {
        LambdaImage image = unpack(imageTar, work);
        if (!image.hasAotCache()) {
            log("image has no AOT cache: " + image.aotArgs().strip());
            return;
        }
        String trained = Files.isRegularFile(fingerprint) ? Files.readString(fingerprint) : "(no fingerprint)";
        String shipped = image.fingerprint();
        if (!trained.equals(shipped)) {
            throw new ImageException("the AOT cache in " + imageTar.getFileName() + " was trained on other bytes than the"
                    + " image holds (the JDK does not check jar contents: it would load stale classes or drop the cache)."
                    + "\ntrained on:\n" + trained + "\nimage holds:\n" + shipped);
        }
        try (Running fn = image.start(memoryMb, List.of("-XX:AOTMode=on", "-Xlog:aot=error,cds=error"), Map.of())) {
            for (String event : events) {
                Invocation inv = fn.invoke(event);
                if (inv.error()) {
                    throw new ImageException("the image does not start with its AOT cache (-XX:AOTMode=on): "
                            + inv.body() + "\n" + fn.output());
                }
            }
        }
        log("image checked: its JVM accepts the AOT cache (-XX:AOTMode=on), trained on the same JVM and jars");
    }

    // ---- the image

    /** Unpacks a docker-save tarball (Jib's buildTar) into dir/root, layer after layer. */
    public static LambdaImage unpack(Path imageTar, Path folder) throws IOException {
        Path dir = folder.toAbsolutePath().normalize();
        deleteTree(dir);
        Path blobs = dir.resolve("blobs");
        Path root = dir.resolve("root");
        Files.createDirectories(root);
        Tar.extract(Files.newInputStream(imageTar), blobs);
        List<Object> manifests = Json.array(Files.readString(blobs.resolve("manifest.json")));
        if (manifests.size() != 1) {
            throw new ImageException(imageTar + " holds " + manifests.size() + " images; Lambda takes one");
        }
        Map<String, Object> manifest = Json.object(manifests.get(0));
        Map<String, Object> config = Json.object(Json.parse(Files.readString(blobs.resolve((String) manifest.get("Config")))));
        List<Layer> layers = new ArrayList<>();
        for (Object layer : Json.list(manifest.get("Layers"))) {
            Path blob = blobs.resolve((String) layer);
            layers.add(new Layer((String) layer, Files.size(blob), Tar.extract(Files.newInputStream(blob), root)));
        }
        if (layers.size() != Json.list(Json.object(config.get("rootfs")).get("diff_ids")).size()) {
            throw new ImageException("the manifest's layers and the config's diff_ids disagree");
        }
        return new LambdaImage(root, config, List.copyOf(layers));
    }

    /** The layers, base first. */
    public List<Layer> layers() {
        return layers;
    }

    public Path root() {
        return root;
    }

    /** The image config (architecture, os, config.Entrypoint, config.Cmd, config.Env, config.WorkingDir). */
    public Map<String, Object> config() {
        return config;
    }

    public String architecture() {
        return (String) config.get("architecture");
    }

    @SuppressWarnings("unchecked")
    public List<String> entrypoint() {
        return (List<String>) (List<?>) Json.list(containerConfig().get("Entrypoint"));
    }

    @SuppressWarnings("unchecked")
    public List<String> command() {
        return (List<String>) (List<?>) Json.list(containerConfig().get("Cmd"));
    }

    public String workingDir() {
        Object dir = containerConfig().get("WorkingDir");
        return dir == null || ((String) dir).isEmpty() ? "/" : (String) dir;
    }

    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (Object entry : Json.list(containerConfig().get("Env"))) {
            String e = (String) entry;
            int eq = e.indexOf('=');
            env.put(e.substring(0, eq), e.substring(eq + 1));
        }
        return env;
    }

    public String aotArgs() throws IOException {
        Path file = inRoot(AOT_ARGS);
        return Files.isRegularFile(file) ? Files.readString(file) : "";
    }

    public boolean hasAotCache() throws IOException {
        return aotArgs().contains("-XX:AOTCache=") && Files.isRegularFile(inRoot(AOT_CACHE));
    }

    /** The image's JDK: JAVA_VERSION of the release file next to the entrypoint's java. */
    public String javaVersion() throws IOException {
        Path release = inRoot(entrypoint().get(0)).getParent().getParent().resolve("release");
        Matcher m = Pattern.compile("JAVA_VERSION=\"([^\"]+)\"").matcher(Files.readString(release));
        return m.find() ? m.group(1) : "unknown";
    }

    /** A path of the image, in the unpacked root. */
    public Path inRoot(String imagePath) {
        return root.resolve(imagePath.startsWith("/") ? imagePath.substring(1) : imagePath);
    }

    /** What an AOT cache is bound to: the JVM (release file and libjvm) and every class path entry, by content. */
    public String fingerprint() throws IOException {
        StringBuilder out = new StringBuilder();
        Path javaHome = inRoot(entrypoint().get(0)).getParent().getParent();
        out.append("jvm ").append(javaVersion()).append('\n');
        try (Stream<Path> walk = Files.walk(javaHome.resolve("lib"))) {
            for (Path lib : walk.filter(p -> p.getFileName().toString().equals("libjvm.so")).sorted().toList()) {
                out.append(sha256(lib)).append(' ').append(root.relativize(lib)).append('\n');
            }
        }
        out.append(sha256(javaHome.resolve("lib/modules"))).append(" lib/modules\n");
        for (String entry : classPath()) {
            Path file = inRoot(entry);
            out.append(Files.isRegularFile(file) ? sha256(file) : "missing").append(' ').append(entry).append('\n');
        }
        return out.toString();
    }

    /** The -cp of the entrypoint, as image paths. */
    public List<String> classPath() {
        List<String> entry = entrypoint();
        int cp = Math.max(entry.indexOf("-cp"), entry.indexOf("-classpath"));
        if (cp < 0) {
            throw new ImageException("the entrypoint names no -cp: " + entry);
        }
        return List.of(entry.get(cp + 1).split(":"));
    }

    /**
     * Starts the image's entrypoint and command, as Lambda would, with extra JVM flags right after the image's own
     * (before -cp). Absolute image paths in the command line resolve inside the unpacked root; -XX:MaxRAM gives the
     * JVM the memory a Lambda execution environment of that size has.
     */
    public Running start(int memoryMb, List<String> jvmArgs, Map<String, String> extraEnv) throws IOException {
        Map<String, String> env = lambdaEnvironment(memoryMb);
        env.putAll(extraEnv);
        return new Running(commandLine(memoryMb, jvmArgs, true), inRoot(workingDir()), env);
    }

    /**
     * Runs the image's JVM (its flags and class path, no main class) with extra flags to completion, as the AOT
     * cache's assembly step needs; returns its exit code and output.
     */
    public String[] runJvm(int memoryMb, List<String> jvmArgs) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(commandLine(memoryMb, jvmArgs, false))
                .directory(inRoot(workingDir()).toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(lambdaEnvironment(memoryMb));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new String[] {Integer.toString(process.exitValue()), out};
    }

    /** The image's environment with what Lambda adds, LAMBDA_* paths in the root. */
    private Map<String, String> lambdaEnvironment(int memoryMb) {
        Map<String, String> env = new LinkedHashMap<>(environment());
        env.put("PATH", rootPaths(env.getOrDefault("PATH", "/usr/bin:/bin")) + ":/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "image");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/image");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("_HANDLER", command().isEmpty() ? "" : command().get(0));
        for (Map.Entry<String, String> e : env.entrySet()) {
            e.setValue(e.getKey().startsWith("LAMBDA_") ? rootPaths(e.getValue()) : e.getValue());
        }
        return env;
    }

    /** The entrypoint (and command when withMain), paths in the root, extra JVM flags before -cp. */
    private List<String> commandLine(int memoryMb, List<String> jvmArgs, boolean withMain) throws IOException {
        List<String> command = new ArrayList<>();
        List<String> entry = new ArrayList<>(entrypoint());
        entry.addAll(command());
        int cp = Math.max(entry.indexOf("-cp"), entry.indexOf("-classpath"));
        Path jni = nativeClient();
        for (int i = 0; i < (withMain ? entry.size() : cp + 2); i++) {
            String arg = entry.get(i);
            if (i == cp) {
                command.add("-XX:MaxRAM=" + memoryMb + "m");
                command.add("-D" + NATIVE_CLIENT + "=" + jni);
                command.addAll(jvmArgs);
            }
            if (arg.startsWith("@/") && i < cp) {
                // the launcher's argument file, read here so that the paths inside it resolve in the root too
                for (String line : Files.readAllLines(inRoot(arg.substring(1)))) {
                    if (!line.isBlank() && !line.strip().startsWith("#")) {
                        for (String fileArg : line.strip().split("\\s+")) {
                            command.add(rootPaths(fileArg));
                        }
                    }
                }
                continue;
            }
            command.add(rootPaths(arg));
        }
        return command;
    }

    /** The RIC's JNI library unpacked once from its jar in the image (the RIC would write /tmp/.libaws-lambda-jni.so). */
    private Path nativeClient() throws IOException {
        String cpu = hostArchitecture().equals("arm64") ? "aarch_64" : "x86_64";
        String name = "jni/libaws-lambda-jni.linux-" + cpu + ".so";
        Path target = root.resolveSibling("libaws-lambda-jni.so");
        if (Files.isRegularFile(target)) {
            return target;
        }
        for (String entry : classPath()) {
            Path jar = inRoot(entry);
            if (!Files.isRegularFile(jar)) {
                continue;
            }
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry lib = zip.getEntry(name);
                if (lib != null) {
                    try (InputStream in = zip.getInputStream(lib)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    return target;
                }
            }
        }
        throw new ImageException("no " + name + " in the image's class path " + classPath());
    }

    /** Every absolute image path in an argument (a:b:c lists and -X...=path values too) resolved in the root. */
    private String rootPaths(String arg) {
        Matcher m = Pattern.compile("(?<=^|[:=@])(/[^:=]*)").matcher(arg);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String path = m.group(1);
            boolean inImage = Files.exists(inRoot(path), LinkOption.NOFOLLOW_LINKS)
                    || Files.exists(inRoot(path).getParent(), LinkOption.NOFOLLOW_LINKS) && !path.equals("/");
            m.appendReplacement(out, Matcher.quoteReplacement(inImage ? inRoot(path).toString() : path));
        }
        m.appendTail(out);
        return out.toString();
    }

    private Map<String, Object> containerConfig() {
        return Json.object(config.get("config"));
    }

    /** This machine's architecture, spelled as in an image config. */
    public static String hostArchitecture() {
        String arch = System.getProperty("os.arch");
        return arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : arch.equals("amd64") || arch.equals("x86_64")
                ? "amd64" : arch;
    }

    // ---- a running function

    /** The outcome of one invocation: the response or error body, and timings from the JVM's start. */
    public record Invocation(String body, boolean error, double initMs, double totalMs) {
    }

    /** The image's process, and the Runtime API it polls. */
    public static final class Running implements AutoCloseable {
        private final ServerSocket server;
        private final BlockingQueue<String[]> pending = new LinkedBlockingQueue<>();
        private final BlockingQueue<Object[]> done = new LinkedBlockingQueue<>();
        private final Process process;
        private final long startNanos;
        private final StringBuffer output = new StringBuffer();
        private final List<String> command;
        private final Thread pump;
        private volatile long firstNextNanos = -1;
        private boolean cold = true;

        Running(List<String> command, Path workDir, Map<String, String> env) throws IOException {
            this.command = List.copyOf(command);
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "runtime-api");
            acceptor.setDaemon(true);
            acceptor.start();
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(env);
            builder.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + server.getLocalPort());
            startNanos = System.nanoTime();
            process = builder.start();
            pump = new Thread(() -> {
                try (InputStream in = process.getInputStream()) {
                    byte[] buf = new byte[8192];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // the process is gone
                }
            }, "image-output");
            pump.setDaemon(true);
            pump.start();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread t = new Thread(() -> serve(socket), "runtime-api-connection");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        /** HTTP/1.1 with keep-alive and exact header names: what the runtime client's native HTTP client expects. */
        private void serve(Socket socket) {
            try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
                 OutputStream out = socket.getOutputStream()) {
                while (true) {
                    String requestLine = line(in);
                    if (requestLine == null || requestLine.isEmpty()) {
                        return;
                    }
                    long length = 0;
                    String header;
                    while ((header = line(in)) != null && !header.isEmpty()) {
                        if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                            length = Long.parseLong(header.substring(15).trim());
                        }
                    }
                    byte[] body = in.readNBytes((int) length);
                    String path = requestLine.split(" ")[1];
                    if (path.endsWith("/runtime/invocation/next")) {
                        if (firstNextNanos < 0) {
                            firstNextNanos = System.nanoTime();
                        }
                        String[] event = pending.take();
                        byte[] payload = event[1].getBytes(StandardCharsets.UTF_8);
                        String head = "HTTP/1.1 200 OK\r\n"
                                + "Content-Type: application/json\r\n"
                                + "Lambda-Runtime-Aws-Request-Id: " + event[0] + "\r\n"
                                + "Lambda-Runtime-Deadline-Ms: " + (System.currentTimeMillis() + 60_000) + "\r\n"
                                + "Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:image\r\n"
                                + "Lambda-Runtime-Trace-Id: Root=1-00000000-000000000000000000000000;Sampled=0\r\n"
                                + "Content-Length: " + payload.length + "\r\n\r\n";
                        out.write(head.getBytes(StandardCharsets.US_ASCII));
                        out.write(payload);
                    } else {
                        done.add(new Object[] {path, new String(body, StandardCharsets.UTF_8), System.nanoTime()});
                        String ok = "{\"status\":\"OK\"}";
                        out.write(("HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: " + ok.length()
                                + "\r\n\r\n" + ok).getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                }
            } catch (IOException e) {
                // the function's JVM went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    String s = b.toString(StandardCharsets.US_ASCII);
                    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                }
                b.write(c);
            }
            return b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
        }

        /** Hands one event to the function and waits (60 s at most) for its response or error. */
        public Invocation invoke(String event) throws InterruptedException {
            pending.add(new String[] {UUID.randomUUID().toString(), event});
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                Object[] result = done.poll(100, TimeUnit.MILLISECONDS);
                if (result != null) {
                    String path = (String) result[0];
                    long at = (Long) result[2];
                    boolean wasCold = cold;
                    cold = false;
                    double init = wasCold ? (firstNextNanos - startNanos) / 1e6 : -1;
                    double total = wasCold ? (at - startNanos) / 1e6 : -1;
                    return new Invocation((String) result[1], !path.endsWith("/response"), init, total);
                }
                if (!process.isAlive()) {
                    pump.join(2000);
                    return new Invocation("exited with " + process.exitValue() + ": " + String.join(" ", command), true,
                            -1, -1);
                }
            }
            return new Invocation("no answer within 60 s", true, -1, -1);
        }

        /** Everything the function printed so far. */
        public String output() {
            return output.toString();
        }

        /** SIGTERM, then waits for the JVM to finish its exit work; returns the exit code. */
        int terminate(int seconds) throws InterruptedException {
            process.destroy();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ImageException("the JVM did not exit within " + seconds + " s of SIGTERM:\n" + output());
            }
            return process.exitValue();
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                server.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    // ---- small helpers

    /** A build-stopping problem with the image, said in one message. */
    public static final class ImageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ImageException(String message) {
            super(message);
        }
    }

    private static void log(String line) {
        System.out.println("[brisk image] " + line);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!Files.isSymbolicLink(p)) {
                    p.toFile().setWritable(true);
                }
                Files.delete(p);
            }
        }
    }

    /** Reads tar streams (plain or gzip): ustar, GNU long names, PAX paths; files, folders, links; OCI whiteouts. */
    static final class Tar {

        private Tar() {
        }

        static List<String> extract(InputStream raw, Path dir) throws IOException {
            List<String> names = new ArrayList<>();
            Files.createDirectories(dir);
            try (InputStream in = maybeGzip(new BufferedInputStream(raw, 1 << 16))) {
                byte[] header = new byte[512];
                String longName = null;
                String longLink = null;
                while (readFully(in, header)) {
                    if (header[0] == 0) {
                        break;
                    }
                    String name = longName != null ? longName : path(header);
                    String link = longLink != null ? longLink : string(header, 157, 100);
                    longName = null;
                    longLink = null;
                    long size = octal(header, 124, 12);
                    char type = (char) header[156];
                    if (type == 'L' || type == 'K' || type == 'x') {
                        String data = new String(read(in, size), StandardCharsets.UTF_8);
                        if (type == 'L') {
                            longName = data.replace("\0", "");
                        } else if (type == 'K') {
                            longLink = data.replace("\0", "");
                        } else {
                            longName = pax(data, "path");
                            longLink = pax(data, "linkpath");
                        }
                        continue;
                    }
                    if (type == 'g') {
                        read(in, size);
                        continue;
                    }
                    names.add(name);
                    int mode = (int) octal(header, 100, 8);
                    long mtime = octal(header, 136, 12);
                    Path target = safe(dir, name);
                    String file = target.getFileName() == null ? "" : target.getFileName().toString();
                    if (file.startsWith(".wh.")) {
                        if (file.equals(".wh..wh..opq")) {
                            deleteTree(target.getParent());
                            Files.createDirectories(target.getParent());
                        } else {
                            deleteTree(target.resolveSibling(file.substring(4)));
                        }
                        skip(in, size + (512 - size % 512) % 512);
                        continue;
                    }
                    switch (type) {
                        case '5' -> {
                            Files.createDirectories(target);
                            permissions(target, mode | 0200);
                        }
                        case '2' -> {
                            Files.createDirectories(target.getParent());
                            deleteTree(target);
                            Files.createSymbolicLink(target, Path.of(link));
                        }
                        case '1' -> {
                            Files.createDirectories(target.getParent());
                            deleteTree(target);
                            Files.copy(safe(dir, link), target, StandardCopyOption.COPY_ATTRIBUTES);
                        }
                        case '0', '\0', '7' -> {
                            Files.createDirectories(target.getParent());
                            if (Files.isSymbolicLink(target)) {
                                Files.delete(target);
                            }
                            try (var out = Files.newOutputStream(target)) {
                                copy(in, out, size);
                            }
                            permissions(target, mode | 0200);
                            Files.setLastModifiedTime(target, FileTime.from(mtime, TimeUnit.SECONDS));
                        }
                        default -> skip(in, size); // devices and fifos: not needed to run a JVM
                    }
                    skip(in, (512 - size % 512) % 512);
                }
            }
            return names;
        }

        private static InputStream maybeGzip(BufferedInputStream in) throws IOException {
            in.mark(2);
            int a = in.read();
            int b = in.read();
            in.reset();
            return a == 0x1f && b == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
        }

        private static Path safe(Path dir, String name) {
            Path target = dir.resolve(name.startsWith("/") ? name.substring(1) : name).normalize();
            if (!target.startsWith(dir.normalize())) {
                throw new ImageException("tar entry outside the root: " + name);
            }
            return target;
        }

        private static String path(byte[] h) {
            String name = string(h, 0, 100);
            String prefix = string(h, 345, 155);
            return prefix.isEmpty() || !"ustar".equals(string(h, 257, 5)) ? name : prefix + "/" + name;
        }

        private static String pax(String data, String key) {
            for (String line : data.split("\n")) {
                int sp = line.indexOf(' ');
                if (sp > 0 && line.startsWith(key + "=", sp + 1)) {
                    return line.substring(sp + 2 + key.length());
                }
            }
            return null;
        }

        private static String string(byte[] h, int off, int len) {
            int end = off;
            while (end < off + len && h[end] != 0) {
                end++;
            }
            return new String(h, off, end - off, StandardCharsets.UTF_8);
        }

        private static long octal(byte[] h, int off, int len) {
            if ((h[off] & 0x80) != 0) { // base-256
                long v = 0;
                for (int i = off + 1; i < off + len; i++) {
                    v = (v << 8) | (h[i] & 0xff);
                }
                return v;
            }
            String s = string(h, off, len).trim();
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        }

        private static void permissions(Path p, int mode) throws IOException {
            Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
            PosixFilePermission[] all = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
            for (int i = 0; i < all.length; i++) {
                if ((mode & (1 << i)) != 0) {
                    perms.add(all[i]);
                }
            }
            Files.setPosixFilePermissions(p, perms);
        }

        private static boolean readFully(InputStream in, byte[] b) throws IOException {
            int n = in.readNBytes(b, 0, b.length);
            return n == b.length;
        }

        private static byte[] read(InputStream in, long size) throws IOException {
            byte[] data = in.readNBytes((int) size);
            skip(in, (512 - size % 512) % 512);
            return data;
        }

        private static void copy(InputStream in, java.io.OutputStream out, long size) throws IOException {
            byte[] buf = new byte[1 << 16];
            long left = size;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException("truncated tar");
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }

        private static void skip(InputStream in, long n) throws IOException {
            in.skipNBytes(n);
        }
    }

    /** Just enough JSON for image manifests and configs. */
    public static final class Json {

        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        public static Object parse(String text) {
            Json p = new Json(text);
            Object v = p.value();
            p.ws();
            if (p.i != text.length()) {
                throw new IllegalArgumentException("trailing data in JSON at " + p.i);
            }
            return v;
        }

        @SuppressWarnings("unchecked")
        public static Map<String, Object> object(Object v) {
            return v == null ? Map.of() : (Map<String, Object>) v;
        }

        @SuppressWarnings("unchecked")
        public static List<Object> list(Object v) {
            return v == null ? List.of() : (List<Object>) v;
        }

        static List<Object> array(String text) {
            return list(parse(text));
        }

        private Object value() {
            ws();
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    i++;
                    ws();
                    if (s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        ws();
                        String k = str();
                        ws();
                        i++; // :
                        m.put(k, value());
                        ws();
                        if (s.charAt(i++) == '}') {
                            return m;
                        }
                    }
                }
                case '[' -> {
                    List<Object> l = new ArrayList<>();
                    i++;
                    ws();
                    if (s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        ws();
                        if (s.charAt(i++) == ']') {
                            return l;
                        }
                    }
                }
                case '"' -> {
                    return str();
                }
                default -> {
                    int start = i;
                    while (i < s.length() && ",}] \n\r\t".indexOf(s.charAt(i)) < 0) {
                        i++;
                    }
                    String t = s.substring(start, i);
                    return switch (t) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        case "null" -> null;
                        default -> Double.valueOf(t);
                    };
                }
            }
        }

        private String str() {
            StringBuilder b = new StringBuilder();
            i++; // opening quote
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
