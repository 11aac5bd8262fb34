package dev.brisk.runtime;

import dev.brisk.runtime.internal.LambdaJvm;
import java.nio.file.Path;

/** Which Java a JDK is, without starting it: what the goals need to warn that a JDK is older than the runtime. */
public final class Jdk {

    private Jdk() {
    }

    /** The feature version of the JDK at {@code javaHome} (25 for 25.0.1), from its release file; -1 if unknown. */
    public static int featureVersion(Path javaHome) {
        return featureVersion(LambdaJvm.javaVersion(javaHome));
    }

    /** The feature version in a version string (25 of "25.0.1", 8 of "1.8.0_412"), or -1. */
    public static int featureVersion(String javaVersion) {
        return LambdaJvm.featureVersion(javaVersion);
    }
}
