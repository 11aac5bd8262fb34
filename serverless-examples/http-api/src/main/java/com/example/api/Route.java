package com.example.api;

/** Handles one method on one path. */
@FunctionalInterface
interface Route {
    HttpResponse handle(HttpRequest request);
}
