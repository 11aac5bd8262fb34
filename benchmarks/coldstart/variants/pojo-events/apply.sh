#!/usr/bin/env bash
# A RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> entry point: the runtime's own
# POJO serializer (aws-lambda-java-serialization) turns the event into objects before the handler runs.
set -euo pipefail
cp "$1/PojoApiHandler.java" src/main/java/com/example/api/PojoApiHandler.java
sed -i 's#handler: com.example.api.ApiHandler#handler: com.example.api.PojoApiHandler#' serverless.yml
sed -i 's#  <dependencies>#  <dependencies>\n    <dependency>\n      <groupId>com.amazonaws</groupId>\n      <artifactId>aws-lambda-java-events</artifactId>\n    </dependency>#' pom.xml
