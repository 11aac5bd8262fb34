package com.example.observability;

/** Handles one method on one path. */
@FunctionalInterface
interface Route {
    HttpResponse handle(HttpRequest request);
}
