package app.rapport.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The data version moves after every committed change, and only then. */
class DataVersionTest {

    private final DataVersion version = new DataVersion();
    private DataSource data;
    private Connection keepAlive;

    @BeforeEach
    void database() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL");
        keepAlive = h2.getConnection();
        try (Statement s = keepAlive.createStatement()) {
            s.execute("create table notes (id int primary key, text varchar(100))");
            s.execute("insert into notes values (1, 'first')");
        }
        data = version.watch(h2);
    }

    @Test
    void readingLeavesTheVersionAlone() throws Exception {
        long before = version.current();
        try (Connection c = data.getConnection(); PreparedStatement p = c.prepareStatement("select text from notes");
             ResultSet rs = p.executeQuery()) {
            rs.next();
        }
        try (Connection c = data.getConnection(); Statement s = c.createStatement()) {
            s.execute("  SELECT count(*) from notes");
        }
        assertThat(version.current()).isEqualTo(before);
    }

    @Test
    void aChangeCommittedOnItsOwnMovesTheVersionAsSoonAsItIsDone() throws Exception {
        long before = version.current();
        try (Connection c = data.getConnection();
             PreparedStatement p = c.prepareStatement("update notes set text = ? where id = 1")) {
            p.setString(1, "second");
            p.executeUpdate();
            assertThat(version.current()).isGreaterThan(before);
        }
    }

    @Test
    void aChangeInATransactionMovesTheVersionWhenItIsCommittedNotBefore() throws Exception {
        long before = version.current();
        try (Connection c = data.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("insert into notes values (2, 'second')");
            }
            assertThat(version.current()).as("not yet visible to others").isEqualTo(before);
            c.commit();
            assertThat(version.current()).isGreaterThan(before);
        }
    }

    @Test
    void batchesAndStatementsThatAreNotPlainQueriesCountAsChanges() throws Exception {
        long before = version.current();
        try (Connection c = data.getConnection();
             PreparedStatement p = c.prepareStatement("insert into notes values (?, 'batched')")) {
            p.setInt(1, 3);
            p.addBatch();
            p.setInt(1, 4);
            p.addBatch();
            p.executeBatch();
        }
        long afterBatch = version.current();
        assertThat(afterBatch).isGreaterThan(before);
        try (Connection c = data.getConnection(); Statement s = c.createStatement()) {
            s.execute("delete from notes where id = 4");
        }
        assertThat(version.current()).isGreaterThan(afterBatch);
    }

    @Test
    void aTransactionThatOnlyReadLeavesTheVersionAlone() throws Exception {
        long before = version.current();
        try (Connection c = data.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from notes")) {
                rs.next();
            }
            c.commit();
        }
        assertThat(version.current()).isEqualTo(before);
    }

    @Test
    void anUpdateThatMatchesNoRowLeavesTheVersionAloneButOneThatDoesMovesIt() throws Exception {
        long before = version.current();
        try (Connection c = data.getConnection();
             PreparedStatement p = c.prepareStatement("update notes set text = 'claimed' where id = ?")) {
            p.setInt(1, 99);
            assertThat(p.executeUpdate()).isZero();
            assertThat(version.current()).isEqualTo(before);
            p.setInt(1, 1);
            p.executeUpdate();
            assertThat(version.current()).isGreaterThan(before);
        }
    }
}
