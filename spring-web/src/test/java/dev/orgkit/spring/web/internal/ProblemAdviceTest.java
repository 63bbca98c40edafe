package dev.orgkit.spring.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.StorageException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/** The rows of the problem table that tests over HTTP cannot provoke: storage failures and bugs. */
class ProblemAdviceTest {
    @Test
    void a_storage_failure_is_503_storage_unavailable_and_says_nothing_of_the_database() {
        ProblemDetail problem = ProblemAdvice.problemFor(new StorageException("SELECT * FROM orgkit_accounts failed",
                new SQLException("connection to db.internal:5432 refused")), false);

        assertThat(problem.getStatus()).isEqualTo(503);
        assertThat(problem.getProperties()).containsEntry("code", "STORAGE_UNAVAILABLE")
                .containsEntry("remedy", "Try again in a moment.");
        assertThat(problem.toString()).doesNotContain("SELECT", "orgkit_accounts", "db.internal");
    }

    @Test
    void any_other_failure_is_500_internal_error_without_its_message() {
        ProblemDetail problem = ProblemAdvice.problemFor(new IllegalStateException("key ok_live_abc leaked in a bug"), false);

        assertThat(problem.getStatus()).isEqualTo(500);
        assertThat(problem.getType().toString()).isEqualTo("urn:orgkit:problem:internal-error");
        assertThat(problem.toString()).doesNotContain("ok_live_abc", "IllegalStateException");
    }
}
