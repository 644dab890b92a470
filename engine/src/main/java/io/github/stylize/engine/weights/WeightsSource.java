package io.github.stylize.engine.weights;

import io.github.stylize.engine.files.Digests;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Where the VGG19 weights come from, as the user wrote it ({@code stylize.weights}): the default Keras file, a URL, a
 * local file, or {@code random} (a seeded He-initialized network, an explicit preview mode, never a silent fallback).
 * Optionally pinned to a SHA-256 the file must have.
 *
 * <p>{@link #identity} names the weights for cache keys and is cheap once the file is cached, so an up-to-date build
 * neither downloads nor hashes the 80 MB file.
 */
public final class WeightsSource {
    public static final String DEFAULT_URL =
            "https://storage.googleapis.com/tensorflow/keras-applications/vgg19/vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5";
    /** The MD5 Keras itself pins for {@link #DEFAULT_URL}. */
    public static final String DEFAULT_MD5 = "253f8cb515780f3b799900260a226db6";
    /** The seed of {@code random}; part of cache keys, so never change it. */
    public static final long RANDOM_SEED = 20150826L; // the day Gatys, Ecker & Bethge's paper appeared

    private static final String DEFAULT_SPEC = "default";
    private static final String RANDOM_SPEC = "random";
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    /** Local files hashed in this JVM, keyed by path, size and modification time: a build asks once per asset. */
    private static final Map<String, String> LOCAL_FILE_SHA256 = new ConcurrentHashMap<>();

    private enum Kind { DEFAULT, RANDOM, URL, FILE }

    private final Kind kind;
    private final String spec;
    private final URI url;
    private final Path file;
    private final String expectedMd5;
    private final String pinnedSha256;

    private WeightsSource(Kind kind, String spec, URI url, Path file, String expectedMd5, String pinnedSha256) {
        this.kind = kind;
        this.spec = spec;
        this.url = url;
        this.file = file;
        this.expectedMd5 = expectedMd5;
        this.pinnedSha256 = pinnedSha256;
    }

    /**
     * Parses {@code stylize.weights}: null, empty or {@code default} for the Keras VGG19 weights; {@code random}; an
     * {@code https://} or {@code http://} URL; a {@code file:} URL or any other text as a local path.
     *
     * @throws WeightsException for another URL scheme or an unusable path, saying what is accepted
     */
    public static WeightsSource parse(String spec) {
        String trimmed = spec == null ? "" : spec.strip();
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase(DEFAULT_SPEC)) {
            return keras(URI.create(DEFAULT_URL), DEFAULT_MD5);
        }
        if (trimmed.equalsIgnoreCase(RANDOM_SPEC)) {
            return new WeightsSource(Kind.RANDOM, RANDOM_SPEC, null, null, null, null);
        }
        var scheme = SCHEME.matcher(trimmed);
        if (!scheme.find()) { // also Windows paths: C:\ has a one-letter "scheme"
            return localFile(trimmed);
        }
        String name = scheme.group(1).toLowerCase(Locale.ROOT);
        return switch (name) {
            case "https", "http" -> {
                URI uri = httpUrl(name + trimmed.substring(name.length())); // HTTPS:// -> https://: one cache entry
                yield new WeightsSource(Kind.URL, uri.toString(), uri, null, null, null);
            }
            case "file" -> localFile(fileUrlToPath(trimmed));
            default -> throw new WeightsException("Weights location '" + trimmed + "' uses the unsupported scheme "
                    + name + ":; use an https:// (or http://) URL, a file path, 'default' for the Keras VGG19 weights,"
                    + " or 'random'");
        };
    }

    /** The default Keras source at another URL and MD5: lets tests exercise the MD5 path against a local server. */
    static WeightsSource keras(URI url, String md5) {
        return new WeightsSource(Kind.DEFAULT, DEFAULT_SPEC, url, null, md5.toLowerCase(Locale.ROOT), null);
    }

    /**
     * This source pinned to {@code sha256} (64 hex digits, any case); null or blank removes the pin.
     *
     * @throws WeightsException if it is not 64 hex digits, or this source is {@code random}
     */
    public WeightsSource withSha256(String sha256) {
        if (sha256 == null || sha256.isBlank()) {
            return new WeightsSource(kind, spec, url, file, expectedMd5, null);
        }
        String normalized = sha256.strip().toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(normalized).matches()) {
            throw new WeightsException("weightsSha256 '" + sha256 + "' is not a SHA-256: expected 64 hexadecimal digits"
                    + " (as printed by sha256sum), found " + normalized.length() + " characters");
        }
        if (kind == Kind.RANDOM) {
            throw new WeightsException("weightsSha256 pins a weights file, but weights 'random' are generated, not read"
                    + " from a file; remove weightsSha256 or name a weights file");
        }
        return new WeightsSource(kind, spec, url, file, expectedMd5, normalized);
    }

    /** What the user wrote, normalized: {@code default}, {@code random}, the URL, or the path. */
    public String spec() {
        return spec;
    }

    /** Whether these are the fixed-seed random weights, which make previews rather than the look of the paper. */
    public boolean isRandom() {
        return kind == Kind.RANDOM;
    }

    /** A one-line description for logs. */
    public String describe() {
        String pin = pinnedSha256 == null ? "" : ", SHA-256 pinned to " + pinnedSha256;
        return switch (kind) {
            case DEFAULT -> "Keras VGG19 ImageNet weights from " + url + " (MD5 " + expectedMd5 + pin + ")";
            case RANDOM -> "random He-initialized VGG19 (seed " + RANDOM_SEED + "): a preview without pretrained"
                    + " weights, results will not look like the paper's";
            case URL -> "VGG19 weights from " + url + (pin.isEmpty() ? " (not pinned)" : " (" + pin.substring(2) + ")");
            case FILE -> "VGG19 weights file " + file + (pin.isEmpty() ? "" : " (" + pin.substring(2) + ")");
        };
    }

    /**
     * A stable name of these weights for cache keys. Cheap once the file is cached: the default source and pinned URLs
     * need no I/O, an unpinned URL reads the digest recorded at download time (downloading first if absent), a local
     * file is hashed once per JVM.
     *
     * @throws WeightsException if the file is missing, cannot be downloaded, or does not match its pin
     */
    public String identity(WeightsOptions options) {
        return switch (kind) {
            case DEFAULT -> "keras-vgg19-notop md5:" + expectedMd5 + (pinnedSha256 == null ? "" : " sha256:" + pinnedSha256);
            case RANDOM -> "random-he:v1:seed=" + RANDOM_SEED;
            case URL -> "sha256:" + (pinnedSha256 != null ? pinnedSha256 : download(options).sha256());
            case FILE -> "sha256:" + verifiedLocalSha256();
        };
    }

    /** The file the user named for the weights; null for the default download, a URL or {@code random}. */
    public Path localFile() {
        return kind == Kind.FILE ? file : null;
    }

    /**
     * The local path of the verified weights file, downloading it into the cache first if needed.
     *
     * @throws IllegalStateException for {@code random}, which has no file
     * @throws WeightsException      if the file is missing, cannot be downloaded, or does not match its checksum
     */
    public Path resolve(WeightsOptions options) {
        return switch (kind) {
            case DEFAULT, URL -> download(options).file();
            case RANDOM -> throw new IllegalStateException("weights 'random' are generated and have no file; use load()");
            case FILE -> {
                if (pinnedSha256 != null) {
                    verifiedLocalSha256();
                } else {
                    requireLocalFile();
                }
                yield file;
            }
        };
    }

    /** The weights: read from the resolved file, or generated for {@code random} (full VGG19, {@link #RANDOM_SEED}). */
    public VggWeights load(WeightsOptions options) {
        if (kind == Kind.RANDOM) {
            return RandomVggWeights.create(RANDOM_SEED);
        }
        Path resolved = resolve(options);
        try {
            return Hdf5WeightsReader.read(resolved);
        } catch (WeightsException e) {
            if (url == null) {
                throw e;
            }
            throw new WeightsException(e.getMessage() + " (the cached file was downloaded from " + url + ")", e);
        }
    }

    private WeightsDownloader.CachedFile download(WeightsOptions options) {
        return new WeightsDownloader(options)
                .fetch(url, new WeightsDownloader.Expectation(expectedMd5, pinnedSha256));
    }

    private String verifiedLocalSha256() {
        requireLocalFile();
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            String key = file.toAbsolutePath() + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis();
            String sha256 = LOCAL_FILE_SHA256.get(key);
            if (sha256 == null) {
                sha256 = Digests.ofFile(file).sha256();
                LOCAL_FILE_SHA256.put(key, sha256);
            }
            if (pinnedSha256 != null && !pinnedSha256.equals(sha256)) {
                throw new WeightsException("VGG weights file " + file + " has SHA-256 " + sha256 + " but weightsSha256"
                        + " pins " + pinnedSha256 + "; restore the file you pinned, or pin weightsSha256=" + sha256
                        + " if this file is the right one");
            }
            return sha256;
        } catch (IOException e) {
            throw new WeightsException("Cannot read VGG weights file " + file + ": " + e, e);
        }
    }

    private void requireLocalFile() {
        if (!Files.isRegularFile(file)) {
            throw new WeightsException("VGG weights file " + file + " (from stylize.weights '" + spec + "') "
                    + (Files.exists(file) ? "is not a regular file" : "does not exist") + "; fix the path, leave"
                    + " stylize.weights unset to download the default Keras VGG19 weights, or use 'random'");
        }
    }

    private static WeightsSource localFile(Path path) {
        return new WeightsSource(Kind.FILE, path.normalize().toString(), null, path.normalize(), null, null);
    }

    private static WeightsSource localFile(String path) {
        try {
            return localFile(Path.of(path));
        } catch (InvalidPathException e) {
            throw new WeightsException("Weights location '" + path + "' is not a valid file path: " + e.getMessage()
                    + "; give a path, an https:// URL, 'default' or 'random'", e);
        }
    }

    private static Path fileUrlToPath(String spec) {
        try {
            return Path.of(new URI(spec));
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            throw new WeightsException("Weights location '" + spec + "' is not a usable file: URL (" + e.getMessage()
                    + "); write file:///absolute/path/to/weights.h5, or just the path", e);
        }
    }

    private static URI httpUrl(String spec) {
        URI uri;
        try {
            uri = new URI(spec);
        } catch (URISyntaxException e) {
            throw new WeightsException("Weights location '" + spec + "' is not a valid URL: " + e.getMessage()
                    + "; percent-encode spaces and special characters", e);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new WeightsException("Weights URL '" + spec + "' has no host; write it as https://host/path/file.h5");
        }
        return uri.normalize();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WeightsSource that && kind == that.kind && Objects.equals(spec, that.spec)
                && Objects.equals(url, that.url) && Objects.equals(expectedMd5, that.expectedMd5)
                && Objects.equals(pinnedSha256, that.pinnedSha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, spec, url, expectedMd5, pinnedSha256);
    }

    @Override
    public String toString() {
        return describe();
    }
}
