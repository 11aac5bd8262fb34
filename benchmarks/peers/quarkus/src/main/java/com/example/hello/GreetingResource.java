package com.example.hello;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** The one resource; any other path gets a JSON 404 from the last route (Quarkus's own 404 page is HTML). */
@Path("/hello")
public class GreetingResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> hello(@QueryParam("name") @DefaultValue("World") String name) {
        return Map.of("message", "Hello, " + name + "!");
    }

    void notFound(@Observes Router router) {
        router.route().last().handler(rc -> rc.response().setStatusCode(404)
                .putHeader("Content-Type", MediaType.APPLICATION_JSON)
                .end("{\"message\":\"Not Found\"}"));
    }
}
