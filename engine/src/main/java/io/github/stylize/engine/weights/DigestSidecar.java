package io.github.stylize.engine.weights;

import io.github.stylize.engine.files.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SHA-256 of a cached weights file, kept in {@code <file>.sha256} with the size and modification time the file had
 * when it was hashed, so later builds trust the recorded digest instead of rehashing 80 MB, and notice a replaced file.
 *
 * <p>Format: a {@code sha256sum}-compatible first line, then {@code size <bytes>} and {@code modified <epoch millis>}.
 */
final class DigestSidecar {
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

    private DigestSidecar() {
    }

    static Path of(Path file) {
        return file.resolveSibling(file.getFileName() + ".sha256");
    }

    /** The recorded SHA-256 if the sidecar exists, parses, and the file still has the recorded size and time. */
    static Optional<String> trustedSha256(Path file) {
        try {
            List<String> lines = Files.readAllLines(of(file), StandardCharsets.UTF_8);
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (lines.size() < 3) {
                return Optional.empty();
            }
            String sha256 = lines.get(0).split(" ", 2)[0];
            boolean current = HEX_64.matcher(sha256).matches()
                    && lines.get(1).equals("size " + attributes.size())
                    && lines.get(2).equals("modified " + attributes.lastModifiedTime().toMillis());
            return current ? Optional.of(sha256) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable or garbled: rehash
        }
    }

    /** Records {@code sha256} for {@code file} as it is now; written to a temporary file and moved into place. */
    static void record(Path file, String sha256) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        String content = sha256 + "  " + file.getFileName() + "\n"
                + "size " + attributes.size() + "\n"
                + "modified " + attributes.lastModifiedTime().toMillis() + "\n";
        Path sidecar = of(file);
        Path temporary = AtomicFiles.createTemporary(file.getParent(), "." + sidecar.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, sidecar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
