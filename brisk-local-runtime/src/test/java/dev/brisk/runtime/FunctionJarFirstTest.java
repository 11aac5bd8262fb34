package dev.brisk.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionJarFirstTest {

    private static final List<Path> RUNTIME = List.of(Path.of("/opt/ric.jar"), Path.of("/opt/core.jar"));

    @Test
    void functionJarFirst_putsTheJarBeforeTheRuntimeOnTheClassPath() {
        Path jar = Path.of("target/fn.jar").toAbsolutePath().normalize();

        LocalLambda.Config config = LocalLambda.builder().jar(jar).handler("a.B").runtimeClasspath(RUNTIME)
                .functionJarFirst(true).config();

        assertEquals(List.of(jar, RUNTIME.get(0), RUNTIME.get(1)), config.runtimeClasspath());
    }

    @Test
    void byDefault_theClassPathHoldsTheRuntimeAlone_asLambdasManagedRuntime() {
        LocalLambda.Config config = LocalLambda.builder().jar(Path.of("target/fn.jar")).handler("a.B")
                .runtimeClasspath(RUNTIME).config();

        assertEquals(RUNTIME, config.runtimeClasspath());
    }
}
