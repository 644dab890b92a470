package io.github.stylize.maven.report;

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
}
