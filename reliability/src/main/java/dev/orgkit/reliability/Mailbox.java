package dev.orgkit.reliability;

import dev.orgkit.mail.InvitationMail;
import dev.orgkit.mail.OrgKitMail;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's mail server: each process appends the mails its mailer delivered to
 * {@code mail-<process>.log} in the run directory, and every process reads every such file to find
 * the links its invitees follow. A line is {@code millis, invitationId, messageId, recipient, token}.
 */
final class Mailbox {
    /** One delivered mail. */
    record Mail(long at, String invitationId, String messageId, String recipient, String token) {
        static Mail parse(String line) {
            String[] f = line.split("\t", -1);
            return new Mail(Long.parseLong(f[0]), f[1], f[2], f[3], f[4]);
        }
    }

    private final Path directory;
    private final Map<Path, Long> offsets = new HashMap<>();
    private final List<Mail> recent = new ArrayList<>();
    private final int capacity;

    Mailbox(Path directory, int capacity) {
        this.directory = directory;
        this.capacity = capacity;
    }

    /** Delivers an invitation mail to the shared mailbox; the harness's plans send no other kind. */
    static void deliver(Journal box, OrgKitMail mail) {
        if (mail instanceof InvitationMail invitation) {
            box.write(System.currentTimeMillis(), invitation.invitationId().value(), invitation.messageId(),
                    invitation.recipient().value(), invitation.token());
        }
    }

    static Path fileOf(Path directory, String process) {
        return directory.resolve("mail-" + process + ".log");
    }

    /** Reads what was appended to every mailbox file since the last call; complete lines only. */
    synchronized void poll() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "mail-*.log")) {
            for (Path file : files) {
                long offset = offsets.getOrDefault(file, 0L);
                try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                    long length = in.length();
                    if (length <= offset) {
                        continue;
                    }
                    byte[] bytes = new byte[(int) (length - offset)];
                    in.seek(offset);
                    in.readFully(bytes);
                    int end = lastNewline(bytes);
                    if (end < 0) {
                        continue;
                    }
                    String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
                    for (String line : text.split("\n")) {
                        if (!line.isEmpty()) {
                            recent.add(Mail.parse(line));
                        }
                    }
                    offsets.put(file, offset + end + 1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (recent.size() > capacity) {
            recent.subList(0, recent.size() - capacity).clear();
        }
    }

    /** The most recent mails read, oldest first. */
    synchronized List<Mail> recent() {
        return List.copyOf(recent);
    }

    /** Every mail of every mailbox file in {@code directory}, for the checker. */
    static List<Mail> readAll(Path directory) {
        var all = new Mailbox(directory, Integer.MAX_VALUE);
        all.poll();
        return all.recent();
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
