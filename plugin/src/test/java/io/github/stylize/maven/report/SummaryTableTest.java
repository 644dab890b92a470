package io.github.stylize.maven.report;

import io.github.stylize.engine.RunTimings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SummaryTableTest {
    @Test
    void columnsAreAlignedAndTimesRightAligned() {
        SummaryTable t = new SummaryTable();
        t.add("harbor-mosaic", "generated", 83_400, "harbor-mosaic.png");
        t.add("sprites/tree", "cached", 12, "sprites/tree.png");
        assertEquals(List.of(
                "asset          result       time  output",
                "harbor-mosaic  generated  83.4 s  harbor-mosaic.png",
                "sprites/tree   cached      0.0 s  sprites/tree.png"), t.lines());
    }

    @Test
    void evaluationsAreCountedWithTheirPaceInSecondsOrMilliseconds() {
        assertEquals("312 evaluations, 0.13 s each", SummaryTable.evaluations(new RunTimings(300, 41_000, 300, 312)));
        assertEquals("48 evaluations, 4.2 ms each", SummaryTable.evaluations(new RunTimings(10, 200, 47, 48)));
        assertEquals("1 evaluation, 7.0 ms each", SummaryTable.evaluations(new RunTimings(0, 7, 0, 1)));
        assertEquals("0 evaluations", SummaryTable.evaluations(new RunTimings(5, 0, 0, 0)));
    }
}
