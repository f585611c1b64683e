package dev.outreachpolicy.cli;

import dev.outreachpolicy.audit.RecordChain;
import java.io.PrintStream;
import java.sql.Connection;

/**
 * {@code verify}: checks the hash chains of the decision records and names every edited, inserted or deleted record.
 * Reads {@code QUARKUS_DATASOURCE_JDBC_URL}, or the embedded store under {@code POLICY_DATA_DIR} while no service runs
 * on it. Exit 0 when every chain is intact, 4 when something was found, 1 when the store cannot be read.
 */
final class VerifyCommand {
    private final PrintStream out;
    private final PrintStream err;

    VerifyCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run() {
        try (CommandStore store = CommandStore.open()) {
            RecordChain.Report r;
            try (Connection c = store.dataSource().getConnection()) {
                r = RecordChain.verify(c);
            }
            print(r);
            return r.intact() ? 0 : 4;
        } catch (Exception e) {
            err.println("verify: " + e.getMessage());
            return 1;
        }
    }

    private void print(RecordChain.Report r) {
        out.printf("verify: %d chain(s), %d group(s), %d record(s) checked, %d purged for retention: %s%n",
            r.chains(), r.groups(), r.records(), r.purged(), r.intact() ? "intact" : r.findings().size() + " finding(s)");
        for (RecordChain.Finding f : r.findings()) {
            out.printf("  %-13s %s  chain %s group %d: %s%n", f.kind(), f.decisionId() == null ? "-" : f.decisionId(), f.chain(), f.seq(), f.detail());
        }
        for (String head : r.heads()) {
            out.println("  head " + head);
        }
    }
}
