package org.openjobspec.ee.jta.internal.core;

import jakarta.json.bind.Jsonb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.openjobspec.ee.JobSpec;
import org.openjobspec.ee.jta.OutboxEntry;

/**
 * The outbox table, through plain JDBC on the application's datasource. {@link #insert} runs on whatever
 * connection the datasource hands out, so inside a JTA transaction the rows commit or roll back with the
 * application's data. The relay's claims run in local transactions of their own. Timestamps are UTC.
 */
public final class OutboxStore {

    private static final String COLUMNS = "id, job_id, job_type, status, created_at, error";

    private final DataSource dataSource;
    private final String table;
    private final Dialect dialect;
    private final JobCodec codec;

    public OutboxStore(DataSource dataSource, String table, Dialect dialect, Jsonb jsonb) {
        this.dataSource = dataSource;
        this.table = table;
        this.dialect = dialect;
        this.codec = new JobCodec(jsonb);
    }

    String table() {
        return table;
    }

    /** The dialect of {@code dataSource}'s database, or null if it has no supported FOR UPDATE SKIP LOCKED. */
    public static Dialect detect(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Dialect.of(c.getMetaData().getDatabaseProductName());
        }
    }

    /** Throws if the table is missing or lacks a column the outbox uses. */
    public void check() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT id, job_id, job_type, job_args, job_options, status, created_at, sent_at, error FROM "
                    + table + " WHERE 1 = 0").close();
        }
    }

    /** Creates the table and its index. */
    public void create() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String ddl : dialect.ddl(table)) {
                s.execute(ddl);
            }
        }
    }

    /** Writes one pending row per job, in order; each job must carry its id in its options. */
    public void insert(List<JobSpec> jobs) throws SQLException {
        String sql = "INSERT INTO " + table + " (job_id, job_type, job_args, job_options, status, created_at) "
                + "VALUES (?, ?, ?, ?, 'pending', ?)";
        Timestamp now = Timestamp.from(Instant.now());
        Calendar utc = utc();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (JobSpec job : jobs) {
                ps.setString(1, job.options().id());
                ps.setString(2, job.type());
                ps.setString(3, codec.args(job.args()));
                ps.setString(4, codec.options(job.options()));
                ps.setTimestamp(5, now, utc);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Claims the oldest pending rows, at most {@code max}, skipping rows another relay holds. The rows stay
     * locked until the claim is committed or closed; closing without commit leaves them pending.
     */
    public Claim claim(int max) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(dialect.claim(table))) {
                if (dialect.limitClause()) {
                    ps.setInt(1, max);
                } else {
                    ps.setMaxRows(max);
                }
                ps.setFetchSize(max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && rows.size() < max) {
                        rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5)));
                    }
                }
            }
            return new Claim(c, rows);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c, e);
            throw e;
        }
    }

    /** Deletes sent rows older than {@code before}; returns how many. */
    public int pruneSent(Instant before) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE status = 'sent' AND sent_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(before), utc());
            return ps.executeUpdate();
        }
    }

    /** How many rows have {@code status}. */
    public long count(String status) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE status = ?")) {
            ps.setString(1, status);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The oldest {@code limit} rows with {@code status}, in insertion order. */
    public List<OutboxEntry> list(String status, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table
                     + " WHERE status = ? ORDER BY id")) {
            ps.setString(1, status);
            ps.setMaxRows(limit);
            List<OutboxEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && out.size() < limit) {
                    Timestamp created = rs.getTimestamp(5, utc());
                    out.add(new OutboxEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            created == null ? null : created.toInstant(), rs.getString(6)));
                }
            }
            return out;
        }
    }

    /** Makes failed rows pending again: the one of {@code jobId}, or all when it is null; returns how many. */
    public int retryFailed(String jobId) throws SQLException {
        String sql = "UPDATE " + table + " SET status = 'pending', error = NULL WHERE status = 'failed'"
                + (jobId == null ? "" : " AND job_id = ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (jobId != null) {
                ps.setString(1, jobId);
            }
            return ps.executeUpdate();
        }
    }

    /** A new calendar per call: drivers may write to the one they are given, and stores are shared by threads. */
    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }

    private static void closeQuietly(Connection c, Exception cause) {
        try {
            c.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** A claimed row. */
    record Row(long id, String jobId, String type, String args, String options) {
    }

    /** Claimed rows and the local transaction that holds their locks. */
    final class Claim implements AutoCloseable {

        private final Connection connection;
        private final List<Row> rows;
        private boolean committed;

        private Claim(Connection connection, List<Row> rows) {
            this.connection = connection;
            this.rows = rows;
        }

        List<Row> rows() {
            return rows;
        }

        JobSpec job(Row row) {
            return codec.decode(row.jobId(), row.type(), row.args(), row.options());
        }

        /** Deletes the rows, or keeps them as {@code sent} when {@code keep}. */
        void sent(List<Row> sent, boolean keep) throws SQLException {
            if (sent.isEmpty()) {
                return;
            }
            String sql = keep ? "UPDATE " + table + " SET status = 'sent', sent_at = ? WHERE id = ?"
                    : "DELETE FROM " + table + " WHERE id = ?";
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (Row row : sent) {
                    int i = 1;
                    if (keep) {
                        ps.setTimestamp(i++, now, utc());
                    }
                    ps.setLong(i, row.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }

        void failed(Row row, String error) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE " + table + " SET status = 'failed', error = ? WHERE id = ?")) {
                ps.setString(1, error);
                ps.setLong(2, row.id());
                ps.executeUpdate();
            }
        }

        void commit() throws SQLException {
            connection.commit();
            committed = true;
        }

        @Override
        public void close() throws SQLException {
            try {
                if (!committed) {
                    connection.rollback();
                }
            } finally {
                connection.close();
            }
        }
    }
}
