package io.github.stylize.engine.image;

import javax.imageio.IIOException;
import javax.imageio.stream.ImageInputStreamImpl;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * The file a decoder reads, with two guards no decoder has itself: reads stop with an exception once the decode has
 * taken longer than its time limit, and once the decoder has kept reading past the end of the file. Some decoders
 * take the end of the file for zero bits and go on (TwelveMonkeys' WebP reader does, one exception per bit, for as
 * many pixels as the header declares), so a 1 KB file could otherwise keep a build busy for hours.
 */
final class GuardedInputStream extends ImageInputStreamImpl {
    /**
     * Reads at the end of the file allowed before the decoder is stopped: decoders that read ahead (a bit reader
     * filling its 64-bit buffer) touch the end a few times on an intact file; a decoder still reading after this many
     * is decoding data that is not there.
     */
    static final int MAX_READS_PAST_END = 1000;

    private final RandomAccessFile file;
    private long deadlineNanos;
    private long limitMillis = -1;
    private int readsPastEnd;
    private int readsSinceClockCheck;

    /** Thrown out of a read: the file's data ends before the image does. */
    static final class PastEndException extends IIOException {
        PastEndException() {
            super("the decoder read past the end of the file " + MAX_READS_PAST_END + " times");
        }
    }

    /** Thrown out of a read: the decode took longer than its limit. */
    static final class TimeLimitException extends IIOException {
        TimeLimitException(long limitMillis) {
            super("decoding took longer than the limit of " + limitMillis + " ms");
        }
    }

    GuardedInputStream(Path path) throws IOException {
        this.file = new RandomAccessFile(path.toFile(), "r");
    }

    /** From now on, reads fail once {@code limitMillis} have passed since {@code startNanos}. */
    void limitTime(long startNanos, long limitMillis) {
        this.limitMillis = limitMillis;
        this.deadlineNanos = startNanos + limitMillis * 1_000_000;
    }

    private void checkClock() throws IIOException {
        if (limitMillis >= 0 && System.nanoTime() - deadlineNanos > 0) {
            throw new TimeLimitException(limitMillis);
        }
    }

    private int atEnd() throws IIOException {
        if (++readsPastEnd > MAX_READS_PAST_END) {
            throw new PastEndException();
        }
        return -1;
    }

    @Override
    public int read() throws IOException {
        if (++readsSinceClockCheck >= 4096) {
            readsSinceClockCheck = 0;
            checkClock();
        }
        bitOffset = 0;
        int b = file.read();
        if (b < 0) {
            return atEnd();
        }
        streamPos++;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        checkClock();
        bitOffset = 0;
        if (length == 0) {
            return 0;
        }
        int n = file.read(buffer, offset, length);
        if (n < 0) {
            return atEnd();
        }
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        try {
            return file.length();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void seek(long position) throws IOException {
        super.seek(position); // checks the position and resets the bit offset
        file.seek(position);
    }

    @Override
    public void close() throws IOException {
        super.close();
        file.close();
    }
}
