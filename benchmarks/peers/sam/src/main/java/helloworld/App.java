package helloworld;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/** SAM's hello-world handler, for an HTTP API: the runtime turns the event and the response into objects. */
public class App implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent input, Context context) {
        if (!"GET".equals(input.getRequestContext().getHttp().getMethod()) || !"/hello".equals(input.getRawPath())) {
            return respond(404, "{ \"message\": \"Not Found\" }");
        }
        Map<String, String> query = input.getQueryStringParameters();
        String name = query == null ? "World" : query.getOrDefault("name", "World");
        // as SAM's template does: the body written with String.format, no JSON library
        return respond(200, String.format("{ \"message\": \"Hello, %s!\" }", name.replace("\\", "\\\\").replace("\"", "\\\"")));
    }

    private static APIGatewayV2HTTPResponse respond(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(JSON).withBody(body).build();
    }
}
