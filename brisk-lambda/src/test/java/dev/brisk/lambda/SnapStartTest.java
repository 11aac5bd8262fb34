package dev.brisk.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapStartTest {

    @Test
    void onAnOnDemandStartNothingIsRegisteredAndThePrimingNeverRuns() {
        List<String> ran = new ArrayList<>();

        boolean registered = SnapStart.register(() -> ran.add("before"));

        assertFalse(System.getenv().containsKey(SnapStart.INITIALIZATION_TYPE), "tests run as an on-demand start");
        assertFalse(registered);
        assertEquals(List.of(), ran);
    }
}
