package io.github.stylize.engine.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * MD5 and SHA-256 as lower-case hex. The static methods give the SHA-256 of bytes, text and files; an instance hashes
 * a stream with both algorithms at once as it passes (a download checked against either pin).
 */
public final class Digests {
    private final MessageDigest md5 = newDigest("MD5");
    private final MessageDigest sha256 = newDigest("SHA-256");

    /** Both digests of everything passed to {@link #update}. */
    public Digests() {
    }

    public void update(byte[] bytes, int offset, int length) {
        md5.update(bytes, offset, length);
        sha256.update(bytes, offset, length);
    }

    /** Both digests of everything passed to {@link #update}; call once. */
    public Result finish() {
        return new Result(hex(md5.digest()), hex(sha256.digest()));
    }

    /** An MD5 and a SHA-256, as lower-case hex. */
    public record Result(String md5, String sha256) {
    }

    /** Both digests of {@code file}, streamed. */
    public static Result ofFile(Path file) throws IOException {
        Digests digests = new Digests();
        read(file, digests::update);
        return digests.finish();
    }

    public static String sha256Hex(byte[] bytes) {
        return hex(newDigest("SHA-256").digest(bytes));
    }

    /** The SHA-256 of {@code text} encoded as UTF-8. */
    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Streams the file, so large images cost no heap. */
    public static String sha256Hex(Path file) throws IOException {
        MessageDigest digest = newDigest("SHA-256");
        read(file, digest::update);
        return hex(digest.digest());
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private interface Chunks {
        void accept(byte[] bytes, int offset, int length);
    }

    private static void read(Path file, Chunks chunks) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                chunks.accept(buffer, 0, read);
            }
        }
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java platform", e);
        }
    }
}
