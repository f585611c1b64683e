package dev.outreachpolicy.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Several reads sent to PostgreSQL in one message and answered in one round trip: a decision's reads (block list,
 * consent receipts) cost one exchange with the store rather than one each. The reads run in one transaction, so they
 * see the store at one moment.
 */
public final class OneTripReads {
    private OneTripReads() { }

    /** One read: a single statement returning rows, its parameters, and what its rows mean. */
    public interface Read<T> {
        /** One SQL statement, without a terminating semicolon. */
        String sql();

        /**
         * Binds this statement's parameters from position {@code first} on.
         * @return the position after the last one bound
         */
        int bind(Connection c, PreparedStatement ps, int first) throws SQLException;

        T read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs the reads in one round trip; each result in the order of the reads.
     * @throws StoreException when the store cannot answer, with {@code what} as its message
     */
    public static List<Object> run(DataSource db, List<? extends Read<?>> reads, String what) {
        StringBuilder sql = new StringBuilder();
        for (Read<?> r : reads) {
            sql.append(sql.length() == 0 ? "" : ";\n").append(r.sql());
        }
        List<Object> out = new ArrayList<>(reads.size());
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (Read<?> r : reads) {
                p = r.bind(c, ps, p);
            }
            boolean rows = ps.execute();
            for (Read<?> r : reads) {
                // each statement of the message answers with its rows, in order
                while (!rows && ps.getUpdateCount() != -1) {
                    rows = ps.getMoreResults();
                }
                if (!rows) {
                    throw new SQLException("the store answered fewer results than reads");
                }
                try (ResultSet rs = ps.getResultSet()) {
                    out.add(r.read(rs));
                }
                rows = ps.getMoreResults();
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }

    /** {@link #run} of one read. */
    @SuppressWarnings("unchecked")
    public static <T> T one(DataSource db, Read<T> read, String what) {
        return (T) run(db, List.of(read), what).get(0);
    }
}
