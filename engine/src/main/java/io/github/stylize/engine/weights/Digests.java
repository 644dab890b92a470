package io.github.stylize.engine.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** MD5 and SHA-256 of files and streams, as lower-case hex. */
final class Digests {
    private final MessageDigest md5 = newDigest("MD5");
    private final MessageDigest sha256 = newDigest("SHA-256");

    void update(byte[] bytes, int offset, int length) {
        md5.update(bytes, offset, length);
        sha256.update(bytes, offset, length);
    }

    /** Both digests of everything passed to {@link #update}; call once. */
    Result finish() {
        return new Result(hex(md5.digest()), hex(sha256.digest()));
    }

    record Result(String md5, String sha256) {
    }

    static Result ofFile(Path file) throws IOException {
        Digests digests = new Digests();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digests.update(buffer, 0, read);
            }
        }
        return digests.finish();
    }

    static String sha256(String text) {
        return hex(newDigest("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java platform", e);
        }
    }
}
