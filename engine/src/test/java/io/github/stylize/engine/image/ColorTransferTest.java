package io.github.stylize.engine.image;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ColorTransferTest {
    @Test
    void symmetricSquareRootSquaresBackToTheMatrixAndInverseRootUndoesIt() {
        double[][] m = {{900, 300, -120}, {300, 400, 50}, {-120, 50, 250}};
        double[][] root = ColorTransfer.symmetricPower(m, 0.5);
        double[][] inverseRoot = ColorTransfer.symmetricPower(m, -0.5);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                double square = 0;
                double identity = 0;
                for (int k = 0; k < 3; k++) {
                    square += root[r][k] * root[k][c];
                    identity += root[r][k] * inverseRoot[k][c];
                }
                assertEquals(m[r][c], square, 1e-9 * 900, "root^2 at " + r + "," + c);
                assertEquals(r == c ? 1 : 0, identity, 1e-12, "root * root^-1 at " + r + "," + c);
            }
        }
    }

    @Test
    void withLuminanceStaysInGamutWhereTheTargetLuminanceWouldLeaveIt() {
        RgbImage content = new RgbImage(2, 1, new float[]{250, 10, 10, 5, 200, 100}, null);
        RgbImage brighter = new RgbImage(2, 1, new float[]{255, 255, 255, 0, 0, 0}, null);
        float[] out = ColorTransfer.withLuminance(brighter, content).rgb();
        // red pixel: at most +5 before R leaves 0..255; green pixel: at most -5 before R does
        assertEquals(255, out[0], 1e-4);
        assertEquals(15, out[1], 1e-4);
        assertEquals(0, out[3], 1e-4);
        assertEquals(195, out[4], 1e-4);
    }
}
