package dev.brisk.runtime;

import dev.brisk.runtime.internal.ServerlessYml;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A function of a serverless.yml as Lambda would run it, for tools that need to look before they run it (the Maven
 * goals): its key, runtime, handler and deployment artifact, each null where serverless.yml does not say.
 *
 * @param key the key under {@code functions:}
 * @param runtime {@code java25}, from the function or the provider
 * @param handler {@code com.example.Handler::handleRequest}
 * @param artifact the jar from {@code package.artifact}, resolved against the file's folder
 */
public record ServerlessFunction(String key, String runtime, String handler, Path artifact) {

    /**
     * The function with that key; null or blank means the first one. Throws {@link IllegalArgumentException} when
     * the file is not a serverless.yml with that function, naming the functions there are.
     */
    public static ServerlessFunction read(Path serverlessYml, String key) throws IOException {
        return of(ServerlessYml.read(serverlessYml).function(key));
    }

    /** Every function, in file order. */
    public static List<ServerlessFunction> readAll(Path serverlessYml) throws IOException {
        ServerlessYml yml = ServerlessYml.read(serverlessYml);
        List<ServerlessFunction> all = new ArrayList<>();
        for (String name : yml.functionNames()) {
            all.add(of(yml.function(name)));
        }
        return all;
    }

    /** The Java feature version the runtime names (25 of {@code java25}, 8 of {@code java8.al2}), or -1. */
    public int javaFeatureVersion() {
        if (runtime == null || !runtime.startsWith("java")) {
            return -1;
        }
        return Jdk.featureVersion(runtime.substring(4).replace(".al2", ""));
    }

    private static ServerlessFunction of(ServerlessYml.FunctionConfig fn) {
        return new ServerlessFunction(fn.key(), fn.runtime(), fn.handler(), fn.artifact());
    }
}
