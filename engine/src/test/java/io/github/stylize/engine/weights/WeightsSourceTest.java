package io.github.stylize.engine.weights;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing {@code stylize.weights}, pins, identities and local files; downloads are in {@link WeightsDownloadTest}. */
class WeightsSourceTest {
    @TempDir
    Path directory;

    /** Options whose cache is empty and which must not go online: only no-I/O paths can pass. */
    private WeightsOptions offlineOptions() {
        return WeightsOptions.defaults().withCacheDirectory(directory.resolve("cache")).withOffline(true);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "default", " DEFAULT "})
    void unsetOrDefaultMeansTheKerasWeights(String spec) {
        WeightsSource source = WeightsSource.parse(spec);

        assertEquals("default", source.spec());
        assertFalse(source.isRandom());
        assertEquals("keras-vgg19-notop md5:" + WeightsSource.DEFAULT_MD5, source.identity(offlineOptions()));
        assertTrue(source.describe().contains(WeightsSource.DEFAULT_URL), source.describe());
        assertTrue(WeightsSource.DEFAULT_URL.startsWith("https://"));
    }

    @Test
    void aPinOnTheDefaultJoinsItsIdentity() {
        String pin = "AB".repeat(32);
        assertEquals("keras-vgg19-notop md5:" + WeightsSource.DEFAULT_MD5 + " sha256:" + "ab".repeat(32),
                WeightsSource.parse("default").withSha256(pin).identity(offlineOptions()));
    }

    @Test
    void randomIsAFullSeededVgg19WithoutAFile() {
        WeightsSource random = WeightsSource.parse(" Random ");

        assertTrue(random.isRandom());
        assertEquals("random", random.spec());
        assertEquals("random-he:v1:seed=" + WeightsSource.RANDOM_SEED, random.identity(offlineOptions()));
        assertThrows(IllegalStateException.class, () -> random.resolve(offlineOptions()));
        VggWeights weights = random.load(offlineOptions());
        assertEquals(16, weights.layers().size());
        assertEquals("random:" + WeightsSource.RANDOM_SEED, weights.source());
        assertTrue(random.describe().contains("preview"), random.describe());
    }

    @Test
    void httpsAndExplicitHttpUrlsAreUrls() {
        WeightsSource https = WeightsSource.parse("https://example.org/models/vgg19.h5");
        WeightsSource http = WeightsSource.parse("HTTP://example.org/vgg19.h5");

        assertEquals("https://example.org/models/vgg19.h5", https.spec());
        assertTrue(https.describe().contains("not pinned"), https.describe());
        assertEquals("http://example.org/vgg19.h5", http.spec());
        String pin = "0123456789abcdef".repeat(4);
        assertEquals("sha256:" + pin, https.withSha256(pin).identity(offlineOptions())); // no download needed
    }

    @Test
    void anUnpinnedUrlNeedsItsFileForAnIdentity() {
        WeightsException error = assertThrows(WeightsException.class,
                () -> WeightsSource.parse("https://example.org/vgg19.h5").identity(offlineOptions()));
        assertTrue(error.getMessage().contains("Maven is offline"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.org/vgg19.h5", "s3://bucket/vgg19.h5", "jar:file:/x.jar!/vgg.h5"})
    void otherSchemesAreRejected(String spec) {
        WeightsException error = assertThrows(WeightsException.class, () -> WeightsSource.parse(spec));
        assertTrue(error.getMessage().contains("unsupported scheme " + spec.substring(0, spec.indexOf(':') + 1)),
                error.getMessage());
        assertTrue(error.getMessage().contains("https://"), error.getMessage());
    }

    @Test
    void badUrlsSayWhatIsWrong() {
        assertThrows(WeightsException.class, () -> WeightsSource.parse("https:///vgg19.h5"));
        WeightsException spaces = assertThrows(WeightsException.class,
                () -> WeightsSource.parse("https://example.org/my weights.h5"));
        assertTrue(spaces.getMessage().contains("percent-encode"), spaces.getMessage());
        WeightsException opaque = assertThrows(WeightsException.class, () -> WeightsSource.parse("file:vgg19.h5"));
        assertTrue(opaque.getMessage().contains("file:///"), opaque.getMessage());
    }

    @Test
    void fileUrlsAndPlainTextArePaths() {
        assertEquals("/data/vgg19.h5", WeightsSource.parse("file:///data/vgg19.h5").spec());
        assertEquals("/data/vgg19.h5", WeightsSource.parse("/data/./models/../vgg19.h5").spec());
        assertEquals("weights/vgg19.h5", WeightsSource.parse("weights/vgg19.h5").spec());
        // A drive letter is a one-letter "scheme": still a path, not an unsupported URL.
        assertEquals(Path.of("C:\\weights\\vgg19.h5").toString(), WeightsSource.parse("C:\\weights\\vgg19.h5").spec());
        assertEquals(WeightsSource.parse("/data/vgg19.h5"), WeightsSource.parse("file:///data/vgg19.h5"));
    }

    @Test
    void aLocalFileIsIdentifiedByTheSha256OfItsBytes() throws Exception {
        Path file = directory.resolve("vgg.h5");
        Hdf5WeightsWriter.write(RandomVggWeights.create(3, new int[]{4, 8, 8, 8, 8}), file, NameStyle.KERAS_2);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        WeightsSource source = WeightsSource.parse(file.toString());

        assertEquals("sha256:" + sha256, source.identity(offlineOptions()));
        assertEquals(file, source.resolve(offlineOptions()));
        assertEquals(16, source.load(offlineOptions()).layers().size());
        assertEquals("sha256:" + sha256, source.withSha256(sha256).identity(offlineOptions()));

        Hdf5WeightsWriter.write(RandomVggWeights.create(4, new int[]{4, 8, 8, 8, 8}), file, NameStyle.KERAS_2);
        assertNotEquals("sha256:" + sha256, source.identity(offlineOptions()), "a changed file changes the identity");
    }

    @Test
    void aLocalFileThatDoesNotMatchItsPinIsRejected() throws Exception {
        Path file = directory.resolve("vgg.h5");
        Files.writeString(file, "not the pinned file");
        String pin = "12".repeat(32);
        WeightsSource pinned = WeightsSource.parse(file.toString()).withSha256(pin);

        WeightsException error = assertThrows(WeightsException.class, () -> pinned.resolve(offlineOptions()));

        assertTrue(error.getMessage().contains(file.toString()) && error.getMessage().contains(pin)
                && error.getMessage().contains("pin weightsSha256="), error.getMessage());
        assertThrows(WeightsException.class, () -> pinned.identity(offlineOptions()));
    }

    @Test
    void aMissingLocalFileSaysHowToFixIt() {
        WeightsSource missing = WeightsSource.parse(directory.resolve("absent.h5").toString());

        WeightsException error = assertThrows(WeightsException.class, () -> missing.load(offlineOptions()));

        assertTrue(error.getMessage().contains("absent.h5") && error.getMessage().contains("does not exist")
                && error.getMessage().contains("'random'"), error.getMessage());
        assertThrows(WeightsException.class, () -> missing.identity(offlineOptions()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg", "sha256:0123"})
    void aMalformedPinIsRejected(String pin) {
        WeightsException error = assertThrows(WeightsException.class,
                () -> WeightsSource.parse("default").withSha256(pin));
        assertTrue(error.getMessage().contains("64 hexadecimal digits"), error.getMessage());
    }

    @Test
    void pinsAreNormalizedAndRemovable() {
        WeightsSource source = WeightsSource.parse("https://example.org/vgg19.h5");
        String pin = " " + "AbCd".repeat(16) + " ";

        assertEquals(source.withSha256("abcd".repeat(16)), source.withSha256(pin));
        assertEquals(source, source.withSha256(pin).withSha256(null));
        assertEquals(source, source.withSha256(""));
    }

    @Test
    void randomWeightsCannotBePinned() {
        WeightsException error = assertThrows(WeightsException.class,
                () -> WeightsSource.parse("random").withSha256("ab".repeat(32)));
        assertTrue(error.getMessage().contains("generated"), error.getMessage());
        assertEquals(WeightsSource.parse("random"), WeightsSource.parse("random").withSha256(null));
    }

    @Test
    void optionsDefaultsFollowXdg() {
        assertEquals(Path.of("/xdg/cache/stylize/weights"),
                WeightsOptions.defaultCacheDirectory("/xdg/cache", "/home/ada"));
        assertEquals(Path.of("/home/ada/.cache/stylize/weights"), WeightsOptions.defaultCacheDirectory(null, "/home/ada"));
        assertEquals(Path.of("/home/ada/.cache/stylize/weights"),
                WeightsOptions.defaultCacheDirectory("relative/ignored", "/home/ada"));

        WeightsOptions defaults = WeightsOptions.defaults();
        assertTrue(defaults.cacheDirectory().endsWith(Path.of("stylize", "weights")), defaults.cacheDirectory().toString());
        assertFalse(defaults.offline());
        assertEquals(Duration.ofSeconds(30), defaults.connectTimeout());
        assertEquals(Duration.ofSeconds(60), defaults.readTimeout());
        assertEquals(3, defaults.retries());
        defaults.log().accept("ignored");
    }

    @Test
    void optionsWithersChangeOneThingAndValidate() {
        WeightsOptions defaults = WeightsOptions.defaults();
        WeightsOptions changed = defaults.withCacheDirectory(directory).withOffline(true).withLog(null);

        assertEquals(directory, changed.cacheDirectory());
        assertTrue(changed.offline());
        assertEquals(defaults.retries(), changed.retries());
        changed.log().accept("a null log is replaced by one that ignores lines");
        assertThrows(IllegalArgumentException.class, () -> defaults.withRetries(-1));
        assertThrows(IllegalArgumentException.class, () -> defaults.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(NullPointerException.class, () -> defaults.withCacheDirectory(null));
    }
}
