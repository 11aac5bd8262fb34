package dev.brisk.runtime.image;

import dev.brisk.runtime.internal.LambdaJvm;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags of a Lambda container image: those of Lambda's managed Java runtime (one source,
 * {@code LambdaJvm.flags}, which local zip runs use too), with the memory sizes as shares of the memory Lambda gives
 * the microVM, since an image is built before its memory size is chosen. The build writes them into the image's
 * {@value #ARGS_FILE}, which the entrypoint reads ({@code java @/var/task/jvm.args ...}).
 */
public final class ImageJvm {

    /** The JVM's argument file in the image: these flags, and the AOT cache's when the image has one. */
    public static final String ARGS_FILE = "/var/task/jvm.args";
    /** The AOT cache in the image. */
    public static final String AOT_CACHE = "/var/task/app.aot";
    /** The runtime client's main class: the entrypoint's last argument; the image's command is the handler. */
    public static final String MAIN_CLASS = LambdaJvm.MAIN_CLASS;

    private ImageJvm() {
    }

    /**
     * Lambda's flags for a JVM of this feature version, sized by share: the heap 85 % of the memory (what the managed
     * runtime's absolute -XX:MaxHeapSize comes to), no -Xshare:auto (the JVM's default, and refused beside
     * -XX:AOTCache).
     */
    public static List<String> flags(int javaFeatureVersion) {
        List<String> flags = new ArrayList<>();
        flags.add("-XX:MaxRAMPercentage=85");
        for (String flag : LambdaJvm.flags(1024, javaFeatureVersion)) {
            boolean sized = flag.startsWith("-XX:MaxHeapSize=") || flag.startsWith("-XX:MaxMetaspaceSize=")
                    || flag.startsWith("-XX:ReservedCodeCacheSize=");
            if (!sized && !flag.equals("-Xshare:auto")) {
                flags.add(flag);
            }
        }
        return flags;
    }

    /** The flag that makes the JVM use the image's AOT cache. */
    public static String aotCacheFlag() {
        return "-XX:AOTCache=" + AOT_CACHE;
    }
}
