package dev.brisk.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.runtime.internal.ServerlessYml.FunctionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerlessYmlTest {

    @TempDir
    Path dir;

    private ServerlessYml yml(String... lines) throws IOException {
        Path file = dir.resolve("serverless.yml");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return ServerlessYml.read(file);
    }

    @Test
    void generatedProjectShape_isReadWithFunctionLevelValuesWinning() throws IOException {
        ServerlessYml yml = yml(
                "service: my-api",
                "provider:",
                "  name: aws",
                "  runtime: java25",
                "  architecture: arm64",
                "  memorySize: 1024",
                "  timeout: 29",
                "  environment: {LOG_LEVEL: INFO, SHARED: provider}",
                "package:",
                "  artifact: target/my-api.jar",
                "functions:",
                "  api:",
                "    handler: com.example.api.Handler",
                "    memorySize: 512",
                "    timeout: 10",
                "    snapStart: false",
                "    environment: {FOO: bar, SHARED: function}");

        FunctionConfig fn = yml.function(null);

        assertEquals("api", fn.key());
        assertEquals("my-api-dev-api", fn.name());
        assertEquals("com.example.api.Handler", fn.handler());
        assertEquals(512, fn.memoryMb());
        assertEquals(10, fn.timeoutSeconds());
        assertEquals(Boolean.FALSE, fn.snapStart());
        assertEquals(Map.of("LOG_LEVEL", "INFO", "SHARED", "function", "FOO", "bar"), fn.environment());
        assertEquals(dir.resolve("target/my-api.jar").toAbsolutePath(), fn.artifact());
        assertEquals("java25", fn.runtime());
        assertNull(fn.region());
        assertEquals(List.of(), fn.warnings());
    }

    @Test
    void providerValues_applyWhenTheFunctionHasNone() throws IOException {
        FunctionConfig fn = yml(
                "service: s",
                "provider: {name: aws, memorySize: 2048, timeout: 15, region: eu-central-1}",
                "functions:",
                "  job: {handler: a.B::run}").function(null);

        assertEquals(2048, fn.memoryMb());
        assertEquals(15, fn.timeoutSeconds());
        assertEquals("eu-central-1", fn.region());
        assertNull(fn.snapStart());
        assertNull(fn.artifact());
    }

    @Test
    void aFunctionIsChosenByKey_andAnUnknownKeyNamesTheFunctionsThereAre() throws IOException {
        ServerlessYml yml = yml(
                "service: s",
                "functions:",
                "  first: {handler: a.First}",
                "  second:",
                "    handler: a.Second",
                "    name: custom-name",
                "    package: {artifact: build/second.jar}",
                "package: {artifact: build/all.jar}");

        assertEquals(List.of("first", "second"), yml.functionNames());
        assertEquals("a.Second", yml.function("second").handler());
        assertEquals("custom-name", yml.function("second").name());
        assertEquals(dir.resolve("build/second.jar").toAbsolutePath(), yml.function("second").artifact());
        assertEquals(dir.resolve("build/all.jar").toAbsolutePath(), yml.function("first").artifact());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> yml.function("third"));
        assertTrue(e.getMessage().contains("[first, second]"), e.getMessage());
    }

    @Test
    void selfAndParamReferences_areResolved_includingNestedOnesAndFallbacks() throws IOException {
        FunctionConfig fn = yml(
                "service: shop",
                "custom:",
                "  memory: {dev: 768, prod: 2048}",
                "  table: orders-${sls:stage}",
                "params:",
                "  prod: {snapStart: true}",
                "  default: {snapStart: false, timeout: 12}",
                "provider:",
                "  name: aws",
                "  environment:",
                "    TABLE: ${self:custom.table}",
                "    MODE: ${param:mode, 'fallback'}",
                "    SERVICE: svc-${self:service}",
                "functions:",
                "  api:",
                "    handler: a.B",
                "    memorySize: ${self:custom.memory.${sls:stage}}",
                "    timeout: ${param:timeout}",
                "    snapStart: ${param:snapStart}").function("api");

        assertEquals(768, fn.memoryMb());
        assertEquals(12, fn.timeoutSeconds());
        assertEquals(Boolean.FALSE, fn.snapStart(), "params.default, not another stage's");
        assertEquals(Map.of("TABLE", "orders-dev", "MODE", "fallback", "SERVICE", "svc-shop"), fn.environment());
        assertEquals(List.of(), fn.warnings());
    }

    @Test
    void providerStage_choosesTheParamsOfThatStage() throws IOException {
        FunctionConfig fn = yml(
                "service: s",
                "provider: {name: aws, stage: prod}",
                "params:",
                "  prod: {snapStart: true}",
                "  default: {snapStart: false}",
                "functions:",
                "  api: {handler: a.B, snapStart: '${param:snapStart}'}").function(null);

        assertEquals(Boolean.TRUE, fn.snapStart());
        assertEquals("s-prod-api", fn.name());
    }

    @Test
    void unresolvableReferencesAndCloudFormation_areNotSet_withWarnings_neverAnError() throws IOException {
        FunctionConfig fn = yml(
                "service: s",
                "provider:",
                "  name: aws",
                "  environment:",
                "    QUEUE_URL: {Ref: Queue}",
                "    BUCKET: !Ref Bucket",
                "    ARN: !GetAtt [Table, Arn]",
                "    SECRET: ${ssm:/prod/secret}",
                "    KEPT: kept",
                "    NUMBER: 5",
                "functions:",
                "  api:",
                "    handler: a.B",
                "    snapStart: ${self:custom.missing}",
                "    memorySize: ${cf:other.Memory}",
                "resources:",
                "  Resources:",
                "    Queue: {Type: 'AWS::SQS::Queue', Properties: {QueueName: !Sub '${AWS::StackName}-q'}}").function(null);

        assertEquals(Map.of("KEPT", "kept", "NUMBER", "5"), fn.environment());
        assertNull(fn.snapStart());
        assertNull(fn.memoryMb());
        assertEquals(6, fn.warnings().size(), fn.warnings()::toString);
        assertTrue(fn.warnings().stream().anyMatch(w -> w.contains("QUEUE_URL")), fn.warnings()::toString);
        assertTrue(fn.warnings().stream().anyMatch(w -> w.contains("!Ref Bucket")), fn.warnings()::toString);
        assertTrue(fn.warnings().stream().anyMatch(w -> w.contains("${ssm:/prod/secret}")), fn.warnings()::toString);
    }

    @Test
    void containerImageFunctions_takeTheHandlerFromTheImageCommand() throws IOException {
        FunctionConfig fn = yml(
                "service: s",
                "functions:",
                "  api:",
                "    image:",
                "      name: app",
                "      command: [com.example.Handler::handleRequest]").function(null);

        assertEquals("com.example.Handler::handleRequest", fn.handler());
    }

    @Test
    void selfReferenceCycles_stopInsteadOfLooping() throws IOException {
        FunctionConfig fn = yml(
                "service: s",
                "custom: {a: '${self:custom.b}', b: '${self:custom.a}'}",
                "functions:",
                "  api: {handler: a.B, timeout: '${self:custom.a}'}").function(null);

        assertNull(fn.timeoutSeconds());
        assertFalse(fn.warnings().isEmpty());
    }

    @Test
    void notAServerlessYml_isAClearError() throws IOException {
        IllegalArgumentException noFunctions = assertThrows(IllegalArgumentException.class,
                () -> yml("service: s").function(null));
        assertTrue(noFunctions.getMessage().contains("declares no functions"), noFunctions.getMessage());

        assertThrows(IllegalArgumentException.class, () -> yml("- just", "- a list"));
        assertThrows(IllegalArgumentException.class, () -> yml("service: [unclosed"));
    }
}
