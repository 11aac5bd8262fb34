package com.example.observability;

import java.util.Map;
import java.util.TreeMap;

/** Exact-path routing: unknown path 404, known path with another method 405 with Allow. */
final class Router {

    private final Map<String, Map<String, Route>> routes = new TreeMap<>();

    Router on(String method, String path, Route route) {
        routes.computeIfAbsent(path, p -> new TreeMap<>()).put(method, route);
        return this;
    }

    HttpResponse route(HttpRequest request) {
        Map<String, Route> byMethod = routes.get(request.path());
        if (byMethod == null) {
            throw new HttpError(404, "NOT_FOUND", "No route matches this path.");
        }
        Route route = byMethod.get(request.method());
        if (route == null) {
            String allow = String.join(", ", byMethod.keySet());
            HttpError error = new HttpError(405, "METHOD_NOT_ALLOWED",
                    "Use " + allow + " on " + request.path() + ".");
            return HttpResponse.error(error, request.requestId()).withHeader("allow", allow);
        }
        return route.handle(request);
    }
}
