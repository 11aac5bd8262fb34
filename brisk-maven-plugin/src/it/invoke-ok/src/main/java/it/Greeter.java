package it;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

public class Greeter implements RequestHandler<Map<String, String>, Map<String, String>> {

    private static final String PREFIX = System.getenv("GREETING_PREFIX");

    @Override
    public Map<String, String> handleRequest(Map<String, String> event, Context context) {
        return Map.of("greeting", PREFIX + ", " + event.get("name"));
    }
}
