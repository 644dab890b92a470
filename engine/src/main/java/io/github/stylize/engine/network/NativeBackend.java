package io.github.stylize.engine.network;

import org.bytedeco.javacpp.Loader;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Loads ND4J once per JVM, choosing the fastest native build this CPU can run. The oneDNN builds convolve 2-3x faster
 * than the plain one (measured, see design notes), and which build loads is fixed by the system property
 * {@code org.bytedeco.javacpp.platform.extension}, read when ND4J first loads: so it must be set here, before any
 * {@code Nd4j} call. A user who sets the property keeps their choice.
 */
public final class NativeBackend {
    /** The ND4J release the engine is built and tested against. */
    public static final String ND4J_VERSION = "1.0.0-M2.1";
    static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";

    private static String description;

    private NativeBackend() {
    }

    /** Loads ND4J if needed and returns a one-line description of the backend, e.g. {@code CPU linux-x86_64-onednn-avx512}. */
    public static synchronized String ensureLoaded() {
        if (description != null) {
            return description;
        }
        ClassLoader loader = NativeBackend.class.getClassLoader();
        // Inside a Maven plugin the context class loader is Maven's, which cannot see ND4J's service files.
        ND4JClassLoading.setNd4jClassloader(loader);
        setIfAbsent("org.nd4j.log.initialization", "false");
        setIfAbsent("org.nd4j.versioncheck", "false");
        String platform = Loader.getPlatform();
        if (System.getProperty(EXTENSION_PROPERTY) == null) {
            String extension = fastestAvailableExtension(platform, cpuFlags(), loader);
            System.setProperty(EXTENSION_PROPERTY, extension);
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Nd4j.setDefaultDataTypes(org.nd4j.linalg.api.buffer.DataType.FLOAT, org.nd4j.linalg.api.buffer.DataType.FLOAT);
            String backendName = Nd4j.getBackend().getClass().getSimpleName();
            String kind = backendName.toLowerCase(Locale.ROOT).contains("cuda") ? "GPU" : "CPU";
            description = kind + " " + platform + System.getProperty(EXTENSION_PROPERTY, "")
                    + " (" + backendName + ", " + Nd4j.getEnvironment().maxMasterThreads() + " threads)";
        } finally {
            thread.setContextClassLoader(previous);
        }
        return description;
    }

    /** Whether ND4J runs on a GPU; loads it if needed. */
    public static boolean isGpu() {
        return ensureLoaded().startsWith("GPU");
    }

    /**
     * The best native build for these CPU flags among those on the class path: oneDNN with AVX-512, oneDNN with AVX2,
     * then the plain build (empty extension), which runs on any CPU of the platform.
     */
    static String fastestAvailableExtension(String platform, Set<String> flags, ClassLoader loader) {
        List<String> candidates = List.of("-onednn-avx512", "-onednn-avx2");
        for (String extension : candidates) {
            boolean supported = extension.endsWith("avx512")
                    ? flags.containsAll(Set.of("avx512f", "avx512bw", "avx512vl", "avx512dq"))
                    : flags.containsAll(Set.of("avx2", "fma", "f16c"));
            String resource = "org/nd4j/linalg/cpu/nativecpu/bindings/" + platform + extension + "/";
            if (supported && loader.getResource(resource) != null) {
                return extension;
            }
        }
        return "";
    }

    /** The CPU feature flags of the first processor in /proc/cpuinfo; empty where there is no such file. */
    static Set<String> cpuFlags() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Set.of();
        }
        try (var lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("flags"))
                    .findFirst()
                    .map(l -> Set.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+")))
                    .orElse(Set.of());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
