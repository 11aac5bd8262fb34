package com.example.hello;

import io.micronaut.runtime.Micronaut;

/** Micronaut's entry point; on Lambda the handler class starts the application context instead. */
public class Application {

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
