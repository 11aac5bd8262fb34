package dev.brisk.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReportTest {

    private static final String ID = "3604209a-e9a3-11e6-939a-754dd98c7be3";

    @Test
    void coldReport_isShapedLikeLambdas_withInitBilled() {
        Report r = new Report(ID, 12.345, 512, 80_000, 400.456, -1, false, null, null, 413.0);

        assertEquals("REPORT RequestId: " + ID + "\tDuration: 12.35 ms\tBilled Duration: 413 ms\tMemory Size: 512 MB"
                + "\tMax Memory Used: 78 MB\tInit Duration: 400.46 ms", r.toString());
        assertTrue(r.cold());
        assertEquals(400.456, r.initDurationMs().getAsDouble());
    }

    @Test
    void warmReport_hasNoInit_andBillsTheDurationRoundedUp() {
        Report r = new Report(ID, 1.2, 128, 50_000, -1, -1, false, null, null, -1);

        assertEquals("REPORT RequestId: " + ID + "\tDuration: 1.20 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB"
                + "\tMax Memory Used: 49 MB", r.toString());
        assertFalse(r.cold());
        assertTrue(r.initDurationMs().isEmpty());
        assertEquals(1, new Report(ID, 0.01, 128, 1, -1, -1, false, null, null, -1).billedDurationMs());
    }

    @Test
    void snapStartReport_saysSo_andBillsNoInit() {
        Report r = new Report(ID, 3.0, 1024, 90_000, 800.0, 2.5, true, null, null, 806.0);

        assertTrue(r.toString().endsWith("\tInit Duration: 800.00 ms\tRestore Duration: 2.50 ms\tSnapStart: emulated"),
                r::toString);
        assertEquals(3, r.billedDurationMs());
        assertTrue(r.snapStart());
        assertEquals(2.5, r.restoreDurationMs().getAsDouble());
    }

    @Test
    void failedInvocations_carryTheirStatus() {
        Report timeout = new Report(ID, 1000, 512, 60_000, -1, -1, false, "timeout", null, -1);
        Report crash = new Report(ID, 0, 512, 0, 300, -1, false, "error", "Runtime.ExitError", -1);

        assertTrue(timeout.toString().endsWith("\tStatus: timeout"), timeout::toString);
        assertTrue(crash.toString().endsWith("\tMax Memory Used: 0 MB\tInit Duration: 300.00 ms\tStatus: error"
                + "\tError Type: Runtime.ExitError"), crash::toString);
        assertEquals(0, crash.maxMemoryUsedMb());
    }
}
