package dev.brisk.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brisk.runtime.ServerlessFunction;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckMojoTest {

    @Test
    void aJavaFunctionOnAnotherRuntime_isNamedWithItsRuntime() {
        List<ServerlessFunction> functions = List.of(
                new ServerlessFunction("api", "java25", "a.Api", null),
                new ServerlessFunction("worker", "java21", "a.Worker", null));

        assertEquals(List.of("function 'worker' to java21"), CheckMojo.mismatches(functions, "java25"));
    }

    @Test
    void functionsOnTheCompiledRuntime_orNotOnJava_pass() {
        List<ServerlessFunction> functions = List.of(
                new ServerlessFunction("api", "java21", "a.Api", null),
                new ServerlessFunction("image", null, null, null),
                new ServerlessFunction("script", "nodejs22.x", "index.handler", null));

        assertEquals(List.of(), CheckMojo.mismatches(functions, "java21"));
    }
}
