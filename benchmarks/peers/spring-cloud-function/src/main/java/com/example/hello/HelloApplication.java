package com.example.hello;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The application and its one function, which FunctionInvoker finds and calls with the HTTP API event. */
@SpringBootApplication
public class HelloApplication {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @Bean
    public Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> hello() {
        return event -> {
            if (!"GET".equals(event.getRequestContext().getHttp().getMethod()) || !"/hello".equals(event.getRawPath())) {
                return respond(404, "{\"message\":\"Not Found\"}");
            }
            Map<String, String> query = event.getQueryStringParameters();
            String name = query == null ? "World" : query.getOrDefault("name", "World");
            return respond(200, "{\"message\":\"Hello, " + name.replace("\\", "\\\\").replace("\"", "\\\"") + "!\"}");
        };
    }

    private static APIGatewayV2HTTPResponse respond(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(JSON).withBody(body).build();
    }

    public static void main(String[] args) {
        SpringApplication.run(HelloApplication.class, args);
    }
}
