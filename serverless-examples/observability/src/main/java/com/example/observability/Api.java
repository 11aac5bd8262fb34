package com.example.observability;

import java.util.Map;

/** The routes of this API. Add yours here. */
final class Api {

    private Api() {
    }

    static Router router() {
        return new Router()
                .on("GET", "/hello", Api::hello)
                .on("GET", "/health", request -> HttpResponse.json(200, Map.of("status", "ok")))
                .on("POST", "/items", Items::create);
    }

    static HttpResponse hello(HttpRequest request) {
        String name = request.query().getOrDefault("name", "World").strip();
        if (name.isEmpty() || name.length() > 100) {
            throw HttpError.validation("Query parameter 'name' must be 1 to 100 characters.");
        }
        return HttpResponse.json(200, Map.of("message", "Hello, " + name + "!"));
    }
}
