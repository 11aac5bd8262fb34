package com.example.hello;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.util.Map;

/** The one controller; unknown paths get Micronaut's own JSON 404. */
@Controller("/hello")
public class HelloController {

    @Get
    public Map<String, String> hello(@QueryValue(defaultValue = "World") String name) {
        return Map.of("message", "Hello, " + name + "!");
    }
}
