package dev.orgkit.examples.persistent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example's members survive a restart: a second run finds what the first one committed. */
class PersistentExampleTest {

    @Test
    void a_second_run_finds_the_members_the_first_run_added(@TempDir Path directory) {
        Path database = directory.resolve("orgkit");
        String first = run(database);
        String second = run(database);

        assertThat(first).contains("First run: Ana creates Acme.").contains("Acme has 1 member(s):")
                .contains("Added u-member-1");
        assertThat(second).contains("Found Acme from an earlier run.").contains("Acme has 2 member(s):")
                .contains("u-member-1  member-1@example.com  MEMBER").contains("Added u-member-2");
    }

    @Test
    void the_story_never_prints_an_invitation_token(@TempDir Path directory) {
        assertThat(run(directory.resolve("orgkit"))).doesNotContain("/invitations/").doesNotContain("token");
    }

    private static String run(Path database) {
        var bytes = new ByteArrayOutputStream();
        PersistentExample.run(database, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
