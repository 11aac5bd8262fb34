"""SnapStart priming through the function's own S3 client rather than a second one: its HTTP client and credentials
provider are wrapped in a switch (Primable) that priming points at the canned answers and static keys for 20 more
whole events, then back to the real ones. Edits a copy of serverless-examples/s3-pipeline (the one argument)."""
import sys

base = sys.argv[1] + "/src/main/java/com/example/pipeline/"


def edit(name, old, new):
    source = open(base + name).read()
    assert source.count(old) == 1, name + " has changed: update this variant"
    open(base + name, "w").write(source.replace(old, new))


open(base + "Primable.java", "w").write(r"""package com.example.pipeline;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/** The real client's HTTP client and credentials, which priming can point elsewhere until it releases them. */
final class Primable implements SdkHttpClient, AwsCredentialsProvider {

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private volatile SdkHttpClient primingHttp;
    private volatile AwsCredentialsProvider primingCredentials;

    Primable(SdkHttpClient http, AwsCredentialsProvider credentials) {
        this.http = http;
        this.credentials = credentials;
    }

    void prime(SdkHttpClient http, AwsCredentialsProvider credentials) {
        this.primingHttp = http;
        this.primingCredentials = credentials;
    }

    void release() {
        primingHttp = null;
        primingCredentials = null;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        SdkHttpClient priming = primingHttp;
        return (priming != null ? priming : http).prepareRequest(request);
    }

    @Override
    public AwsCredentials resolveCredentials() {
        AwsCredentialsProvider priming = primingCredentials;
        return (priming != null ? priming : credentials).resolveCredentials();
    }

    @Override
    public String clientName() {
        return http.clientName();
    }

    @Override
    public void close() {
        http.close();
    }
}
""")

edit("PipelineHandler.java", """    public PipelineHandler() {
        this(pipeline(System.getenv()));
        if (SnapStart.isSnapshotting()) {
            // Only for a snapshot: an on-demand start never loads the priming or CRaC
            SnapStart.register(new SnapStartPriming(this));
        }
    }""", """    public PipelineHandler() {
        this(System.getenv(), SnapStart.isSnapshotting() ? new Primable(S3.http(), S3.credentials(System.getenv())) : null);
    }

    private PipelineHandler(Map<String, String> env, Primable primable) {
        this(primable == null ? pipeline(env) : primed(env, primable));
        if (primable != null) {
            SnapStart.register(new SnapStartPriming(this, primable));
        }
    }

    static Pipeline primed(Map<String, String> env, Primable primable) {
        Settings settings = Settings.fromEnvironment(env);
        return new Pipeline(S3.builder(env, primable, primable, settings.maxAttempts(), S3.BASE_DELAY).build(), settings,
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    Pipeline pipeline() {
        return pipeline;
    }""")

edit("SnapStartPriming.java", """    private final PipelineHandler handler;

    SnapStartPriming(PipelineHandler handler) {
        this.handler = handler;
    }""", """    private final PipelineHandler handler;
    private final Primable primable;

    SnapStartPriming(PipelineHandler handler, Primable primable) {
        this.handler = handler;
        this.primable = primable;
    }""")

edit("SnapStartPriming.java", """        List<Outcome> outcomes = OfflineS3.run(env, ROUNDS);
""", """        List<Outcome> outcomes = OfflineS3.run(env, ROUNDS);
        primable.prime(new OfflineS3.CannedS3(), software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create("priming", "priming", "priming")));
        try {
            for (int i = 0; i < ROUNDS; i++) {
                handler.pipeline().process(ObjectEvent.parse(OfflineS3.event("Object Created",
                        settings.inputPrefix() + "priming.jsonl")));
            }
        } finally {
            primable.release();
        }
""")
