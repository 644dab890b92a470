package io.github.stylize.maven.execute;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** An output or metadata file could not be written; the message names the file, the cause and the fix. */
final class OutputException extends Exception {
    private OutputException(String message, IOException cause) {
        super(message, cause);
    }

    static OutputException of(Path file, IOException cause) {
        return new OutputException("Cannot write " + file + ": " + describe(cause) + ". Check that "
                + file.getParent() + " is writable and the disk is not full; nothing was half-written (a previous"
                + " file, if any, is unchanged)", cause);
    }

    /** An I/O failure in words: what happened to which file, without the exception class names. */
    static String describe(IOException e) {
        if (e instanceof FileSystemException fs) {
            String what = fs instanceof NoSuchFileException ? "no such file or directory"
                    : fs instanceof AccessDeniedException ? "permission denied"
                    : fs instanceof NotDirectoryException ? "not a directory"
                    : fs.getReason() != null ? fs.getReason()
                    : fs.getClass().getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(java.util.Locale.ROOT);
            return what + ": " + fs.getFile() + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile());
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
