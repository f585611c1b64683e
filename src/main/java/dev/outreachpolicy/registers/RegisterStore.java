package dev.outreachpolicy.registers;

import dev.outreachpolicy.engine.screening.CallRegisters;
import dev.outreachpolicy.engine.screening.Screening;

import dev.outreachpolicy.engine.contact.PhoneNumbers;
import dev.outreachpolicy.engine.input.FieldError;
import dev.outreachpolicy.engine.input.InvalidInputException;
import dev.outreachpolicy.store.OneTripReads;
import dev.outreachpolicy.store.StoreException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The imported TPS and CTPS registers in PostgreSQL. An import is one register file (one number per line,
 * national UK or E.164) with the register's date; a call decision without TPS/CTPS facts is screened against
 * the newest import of each register, and the screening is dated with that file's date.
 */
@ApplicationScoped
public class RegisterStore implements CallRegisters {
    private final DataSource db;

    @Inject
    public RegisterStore(DataSource db) { this.db = db; }

    /** What an import did. */
    public record Imported(long id, String register, LocalDate date, int numbers) { }

    /** Imports a register file in one transaction: every line is a possible number, or nothing is imported. */
    public Imported importFile(String register, LocalDate date, String text) {
        return importNumbers(register, date, numbers(text));
    }

    /**
     * The distinct numbers a register file lists, in E.164: one per line, national UK or E.164, blank lines and lines
     * starting with {@code #} skipped. A line that is not a possible number makes the file invalid (400, naming the
     * first twenty such lines).
     */
    public static Set<String> numbers(String text) {
        Set<String> numbers = new LinkedHashSet<>();
        List<FieldError> errors = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Optional<String> n = PhoneNumbers.parse(line, "GB").map(p -> p.e164());
            if (n.isEmpty()) {
                errors.add(new FieldError("/line/" + (i + 1), "not a possible phone number: " + line));
            } else {
                numbers.add(n.get());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.size() > 20 ? errors.subList(0, 20) : errors);
        }
        return numbers;
    }

    /** Imports the numbers of one register file ({@link #numbers}) in one transaction. */
    public Imported importNumbers(String register, LocalDate date, Set<String> numbers) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id;
                try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO register_imports (register, file_date, numbers) VALUES (?, ?, ?) RETURNING id")) {
                    ps.setString(1, register);
                    ps.setDate(2, Date.valueOf(date));
                    ps.setInt(3, numbers.size());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO register_numbers (import_id, e164) VALUES (?, ?)")) {
                    int batch = 0;
                    for (String n : numbers) {
                        ps.setLong(1, id);
                        ps.setString(2, n);
                        ps.addBatch();
                        if (++batch % 1000 == 0) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                }
                c.commit();
                return new Imported(id, register, date, numbers.size());
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot import the register file", e);
        }
    }

    /**
     * The screenings of these numbers against the newest import of each register, as {@link #screen} answers them one
     * by one, read as one statement: to send with a group's other reads in one round trip
     * ({@link OneTripReads}) instead of two queries per call decided.
     */
    public OneTripReads.Read<Screenings> screenRead(Collection<String> e164s) {
        Set<String> numbers = Set.copyOf(e164s);
        return new OneTripReads.Read<>() {
            @Override
            public String sql() {
                return "SELECT i.register, i.file_date, n.e164 FROM (SELECT DISTINCT ON (register) id, register, file_date "
                    + "FROM register_imports ORDER BY register, file_date DESC, id DESC) i "
                    + "LEFT JOIN register_numbers n ON n.import_id = i.id AND n.e164 = ANY (?)";
            }

            @Override
            public int bind(Connection c, PreparedStatement ps, int first) throws SQLException {
                ps.setArray(first, c.createArrayOf("text", numbers.toArray(String[]::new)));
                return first + 1;
            }

            @Override
            public Screenings read(ResultSet rs) throws SQLException {
                Map<String, LocalDate> dates = new HashMap<>();
                Map<String, Set<String>> hits = new HashMap<>();
                while (rs.next()) {
                    String register = rs.getString(1);
                    dates.put(register, rs.getDate(2).toLocalDate());
                    String hit = rs.getString(3);
                    if (hit != null) {
                        hits.computeIfAbsent(register, r -> new HashSet<>()).add(hit);
                    }
                }
                return new Screenings(numbers, dates, hits);
            }
        };
    }

    /**
     * What {@link #screenRead} read: the screening of each number read, against the newest import of each register at
     * the time of the read; a number not read is screened by {@code otherwise}.
     */
    public record Screenings(Set<String> numbers, Map<String, LocalDate> newest, Map<String, Set<String>> hits) {
        public CallRegisters or(CallRegisters otherwise) {
            return (register, e164) -> {
                if (!numbers.contains(e164)) {
                    return otherwise.screen(register, e164);
                }
                LocalDate date = newest.get(register);
                if (date == null) {
                    return Optional.empty();
                }
                return Optional.of(screening(register, hits.getOrDefault(register, Set.of()).contains(e164), date));
            };
        }
    }

    @Override
    public Optional<Screening> screen(String register, String e164) {
        String sql = "SELECT i.file_date, EXISTS (SELECT 1 FROM register_numbers n WHERE n.import_id = i.id AND n.e164 = ?) AS hit "
            + "FROM register_imports i WHERE i.register = ? ORDER BY i.file_date DESC, i.id DESC LIMIT 1";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, e164);
            ps.setString(2, register);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(screening(register, rs.getBoolean("hit"), rs.getDate("file_date").toLocalDate()));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot screen against the " + register + " register", e);
        }
    }

    /** A number's screening against a register's import of that date: listed in it, or not. */
    private static Screening screening(String register, boolean listed, LocalDate fileDate) {
        return new Screening(register, listed ? "REGISTERED" : "NOT_REGISTERED", fileDate);
    }
}
