package dev.brisk.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ColdStartTest {

    @Test
    void median_ofOddAndEvenCounts() {
        assertEquals(3.0, ColdStart.median(new double[] {5, 1, 3}));
        assertEquals(2.5, ColdStart.median(new double[] {4, 1, 3, 2}));
        assertEquals(7.0, ColdStart.median(new double[] {7}));
    }

    @Test
    void p90_isTheNearestRank() {
        assertEquals(9.0, ColdStart.p90(new double[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1}));
        assertEquals(2.0, ColdStart.p90(new double[] {1, 2}));
        assertEquals(18.0, ColdStart.p90(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
                19, 20}));
    }
}
