package com.example.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The same router behind the typed events library, for comparison only. */
public final class PojoApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Router router = Api.router();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = event.getRequestContext().getRequestId();
        HttpResponse response;
        try {
            Map<String, String> headers = new HashMap<>();
            if (event.getHeaders() != null) {
                event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            }
            Map<String, String> query = event.getQueryStringParameters() == null ? Map.of()
                    : event.getQueryStringParameters();
            response = router.route(new HttpRequest(event.getRequestContext().getHttp().getMethod(),
                    event.getRawPath(), query, headers, event.getBody(), requestId));
        } catch (HttpError e) {
            response = HttpResponse.error(e, requestId);
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .build();
    }
}
