package io.legnext.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

    @Test
    void aFreshDatabaseAnswers() throws Exception {
        DataSource ds = TestPostgres.freshDatabase();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_database(), version()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("legnext_");
            assertThat(rs.getString(2)).startsWith("PostgreSQL 14");
        }
    }
}
