package dev.orgkit.reliability;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only, line-per-record log that a process writes and the checker reads. Each line is
 * flushed to the operating system before {@link #write} returns, so a {@code SIGKILL} loses no line
 * that was written (the file stays in the kernel's page cache; the harness kills processes, not
 * machines). Fields are separated by tabs; no field may hold a tab or a line break.
 */
final class Journal implements AutoCloseable {
    private final BufferedWriter out;

    private Journal(BufferedWriter out) {
        this.out = out;
    }

    static Journal open(Path file) {
        try {
            return new Journal(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends one record and flushes it. */
    synchronized void write(Object... fields) {
        try {
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    out.write('\t');
                }
                String text = String.valueOf(fields[i]);
                if (text.indexOf('\t') >= 0 || text.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("a journal field holds a tab or a line break: " + text);
                }
                out.write(text);
            }
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
