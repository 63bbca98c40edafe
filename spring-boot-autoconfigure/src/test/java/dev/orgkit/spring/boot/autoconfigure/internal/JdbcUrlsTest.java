package dev.orgkit.spring.boot.autoconfigure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A JDBC URL in an error message keeps everything but its password. */
class JdbcUrlsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:postgresql://db:5432/app?user=app&password=hunter2&ssl=true | jdbc:postgresql://db:5432/app?user=app&password=****&ssl=true
            jdbc:mariadb://db/app?user=root&PASSWORD=hunter2                 | jdbc:mariadb://db/app?user=root&PASSWORD=****
            jdbc:mysql://app:hunter2@db:3306/app                             | jdbc:mysql://app:****@db:3306/app
            jdbc:h2:file:./data/app;USER=sa;PASSWORD=hunter2;MODE=PostgreSQL | jdbc:h2:file:./data/app;USER=sa;PASSWORD=****;MODE=PostgreSQL
            jdbc:sqlserver://db;user=app;pwd=hunter2                         | jdbc:sqlserver://db;user=app;pwd=****
            jdbc:postgresql://db:5432/app?user=app                           | jdbc:postgresql://db:5432/app?user=app
            """)
    void a_url_keeps_everything_but_its_password(String url, String redacted) {
        assertThat(JdbcUrls.redact(url)).isEqualTo(redacted).doesNotContain("hunter2");
    }
}
