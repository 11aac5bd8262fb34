package dev.brisk.lambda.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Our Signature Version 4 against the AWS SDK's signer (tests only) as the oracle, on DynamoDB-shaped requests. */
class SigV4Test {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://dynamodb.us-east-1.amazonaws.com|us-east-1|PutItem|{\"TableName\":\"t\"}|2026-01-31T12:00:00Z|",
        "https://dynamodb.eu-west-1.amazonaws.com|eu-west-1|DeleteItem|{}|2026-12-31T23:59:59Z|session-token",
        "http://127.0.0.1:5000|us-east-1|PutItem|{\"Item\":{\"id\":{\"S\":\"é ü 😀\"}}}|2027-02-03T04:05:06Z|t/o+k=en",
    })
    void theSignatureIsTheSdks(String endpoint, String region, String operation, String body, String at,
                               String token) {
        URI uri = URI.create(endpoint);
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        Instant instant = Instant.parse(at);
        Credentials credentials = new Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token);

        AwsCredentialsIdentity identity = token == null
                ? AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey(), token);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "DynamoDB_20120810." + operation)
                .build();
        SdkHttpRequest sdk = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
                .payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(instant, ZoneOffset.UTC))).request();

        // The SDK also signs an x-amz-content-sha256 header; DynamoDB does not need it, so ours is given it here
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        headers.put("content-type", "application/x-amz-json-1.0");
        headers.put("x-amz-target", "DynamoDB_20120810." + operation);
        headers.put("x-amz-content-sha256", SigV4.hex(SigV4.sha256(payload)));
        assertEquals(headers.get("x-amz-content-sha256"),
                sdk.firstMatchingHeader("x-amz-content-sha256").orElseThrow());
        Map<String, String> ours = SigV4.sign("POST", "/", headers, payload, credentials, region, "dynamodb",
                instant.getEpochSecond());

        assertEquals(sdk.firstMatchingHeader("Authorization").orElseThrow(), ours.get("authorization"));
        assertEquals(sdk.firstMatchingHeader("X-Amz-Date").orElseThrow(), ours.get("x-amz-date"));
        assertEquals(sdk.firstMatchingHeader("X-Amz-Security-Token").orElse(null), ours.get("x-amz-security-token"));
    }

    @ParameterizedTest
    @CsvSource({"body", "region", "time", "secret"})
    void anyChangeChangesTheSignature(String what) {
        Map<String, String> headers = Map.of("host", "dynamodb.us-east-1.amazonaws.com");
        Credentials credentials = new Credentials("AKID", "secret", null);
        String base = SigV4.sign("POST", "/", headers, new byte[] {1}, credentials, "us-east-1", "dynamodb", 0)
                .get("authorization");
        String changed = SigV4.sign("POST", "/", headers, new byte[] {what.equals("body") ? (byte) 2 : 1},
                what.equals("secret") ? new Credentials("AKID", "other", null) : credentials,
                what.equals("region") ? "us-east-2" : "us-east-1", "dynamodb", what.equals("time") ? 1 : 0)
                .get("authorization");
        assertNotEquals(base, changed);
    }
}
