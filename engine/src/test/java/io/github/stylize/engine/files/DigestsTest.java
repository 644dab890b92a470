package io.github.stylize.engine.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DigestsTest {
    // The FIPS 180-2 and RFC 1321 test vectors for "abc".
    static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    static final String ABC_MD5 = "900150983cd24fb0d6963f7d28e17f72";

    @TempDir
    Path dir;

    @Test
    void sha256OfBytesTextAndFilesAgree() throws IOException {
        byte[] abc = "abc".getBytes(StandardCharsets.UTF_8);
        assertEquals(ABC_SHA256, Digests.sha256Hex(abc));
        assertEquals(ABC_SHA256, Digests.sha256Hex("abc"));
        assertEquals(ABC_SHA256, Digests.sha256Hex(Files.write(dir.resolve("abc"), abc)));
    }

    @Test
    void bothDigestsOfAStreamAndOfAFile() throws IOException {
        Digests digests = new Digests();
        byte[] xabcx = "xabcx".getBytes(StandardCharsets.UTF_8);
        digests.update(xabcx, 1, 2);
        digests.update(xabcx, 3, 1);
        assertEquals(new Digests.Result(ABC_MD5, ABC_SHA256), digests.finish());

        // Larger than the read buffer, so the file is hashed in several chunks.
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Path file = Files.write(dir.resolve("big"), big);
        Digests.Result ofFile = Digests.ofFile(file);
        assertEquals(Digests.sha256Hex(big), ofFile.sha256());
        assertEquals(Digests.sha256Hex(file), ofFile.sha256());
        Digests whole = new Digests();
        whole.update(big, 0, big.length);
        assertEquals(whole.finish(), ofFile);
    }
}
