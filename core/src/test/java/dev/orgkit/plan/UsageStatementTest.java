package dev.orgkit.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgkit.EmailAddress;
import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKeyId;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsageStatementTest {
    private static final AccountId ACME = AccountId.of("org_1");

    private static UsageStatement statement(String legalName, OptionalLong included, UsageStatement.KeyTotal... keys) {
        return UsageStatement.of(ACME, legalName, Optional.of(EmailAddress.of("billing@acme.example")),
                YearMonth.of(2026, 11), List.of(keys), included);
    }

    @Test
    void a_statement_adds_up_its_keys_and_counts_the_overage_beyond_the_plan() {
        UsageStatement st = statement("Acme SAS", OptionalLong.of(100),
                new UsageStatement.KeyTotal(ApiKeyId.of("key_a"), "ci", 70),
                new UsageStatement.KeyTotal(ApiKeyId.of("key_b"), "prod", 50));

        assertThat(st.total()).isEqualTo(120);
        assertThat(st.overage()).isEqualTo(20);
        assertThat(statement("Acme SAS", OptionalLong.empty(),
                new UsageStatement.KeyTotal(ApiKeyId.of("key_a"), "ci", 70)).overage()).isZero();
    }

    @Test
    void a_statement_whose_sums_do_not_add_up_cannot_be_made() {
        assertThatThrownBy(() -> new UsageStatement(ACME, "Acme SAS", Optional.empty(), YearMonth.of(2026, 11),
                List.of(new UsageStatement.KeyTotal(ApiKeyId.of("key_a"), "ci", 70)), 71, OptionalLong.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_csv_has_a_header_a_line_per_key_and_the_totals_with_crlf_line_ends() {
        String csv = statement("Acme SAS", OptionalLong.of(100),
                new UsageStatement.KeyTotal(ApiKeyId.of("key_a"), "ci", 70),
                new UsageStatement.KeyTotal(ApiKeyId.of("key_b"), "prod", 50)).toCsv();

        assertThat(csv).isEqualTo("period,account_id,legal_name,line,key_id,key_name,calls\r\n"
                + "2026-11,org_1,Acme SAS,key,key_a,ci,70\r\n"
                + "2026-11,org_1,Acme SAS,key,key_b,prod,50\r\n"
                + "2026-11,org_1,Acme SAS,total,,,120\r\n"
                + "2026-11,org_1,Acme SAS,included,,,100\r\n"
                + "2026-11,org_1,Acme SAS,overage,,,20\r\n");
    }

    @Test
    void commas_quotes_and_line_breaks_are_quoted_as_rfc_4180_says() {
        String csv = statement("Acme, \"the\" SAS", OptionalLong.empty(),
                new UsageStatement.KeyTotal(ApiKeyId.of("key_a"), "line\nbreak", 1)).toCsv();

        assertThat(csv).contains("2026-11,org_1,\"Acme, \"\"the\"\" SAS\",key,key_a,\"line\nbreak\",1\r\n");
        assertThat(csv).contains(",included,,,\r\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "=HYPERLINK(\"http://evil.example\")|\"'=HYPERLINK(\"\"http://evil.example\"\")\"",
        "+1+1|'+1+1",
        "-2+3|'-2+3",
        "@SUM(A1)|'@SUM(A1)",
        "`\tcmd`|`'\tcmd`"})
    void a_name_a_spreadsheet_would_run_as_a_formula_is_written_as_text(String name, String field) {
        String csv = statement("Acme SAS", OptionalLong.empty(),
                new UsageStatement.KeyTotal(ApiKeyId.of("key_a"), name, 1)).toCsv();

        assertThat(csv).contains(",key,key_a," + field + ",1\r\n");
    }

    @Test
    void a_carriage_return_at_the_start_is_neutralized_and_quoted() {
        String csv = statement("\r=1+1", OptionalLong.empty()).toCsv();

        assertThat(csv).contains("2026-11,org_1,\"'\r=1+1\",total,,,0\r\n");
    }
}
