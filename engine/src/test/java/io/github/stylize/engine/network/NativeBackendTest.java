package io.github.stylize.engine.network;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fastest native ND4J build the CPU can run is chosen, falling back to the plain build on older CPUs. */
class NativeBackendTest {
    private static final Set<String> AVX512 = Set.of("avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl", "avx512dq");
    private static final Set<String> AVX2 = Set.of("sse4_2", "avx", "avx2", "fma", "f16c");

    /** A class loader that sees only the listed native builds. */
    private static ClassLoader withBuilds(String... extensions) {
        return new ClassLoader(null) {
            @Override
            public URL getResource(String name) {
                for (String extension : extensions) {
                    if (name.equals("org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64" + extension + "/")) {
                        return NativeBackendTest.class.getResource("NativeBackendTest.class");
                    }
                }
                return null;
            }
        };
    }

    @Test
    void avx512CpuGetsTheOneDnnAvx512Build() {
        assertEquals("-onednn-avx512", NativeBackend.fastestAvailableExtension("linux-x86_64", AVX512,
                withBuilds("", "-onednn-avx2", "-onednn-avx512")));
    }

    @Test
    void avx2CpuGetsTheOneDnnAvx2Build() {
        assertEquals("-onednn-avx2", NativeBackend.fastestAvailableExtension("linux-x86_64", AVX2,
                withBuilds("", "-onednn-avx2", "-onednn-avx512")));
    }

    @Test
    void olderCpuOrMissingBuildFallsBackToThePlainBuild() {
        assertEquals("", NativeBackend.fastestAvailableExtension("linux-x86_64", Set.of("sse4_2"),
                withBuilds("", "-onednn-avx2", "-onednn-avx512")));
        assertEquals("", NativeBackend.fastestAvailableExtension("linux-x86_64", AVX512, withBuilds("")));
    }

    @Test
    void thisMachineLoadsTheBuildItsFlagsAllow() {
        String description = NativeBackend.ensureLoaded();
        Set<String> flags = NativeBackend.cpuFlags();
        if (flags.contains("avx512f") && flags.contains("avx512bw")) {
            assertTrue(description.contains("-onednn-avx512"), description);
        }
        assertTrue(description.startsWith("CPU "), description);
    }
}
