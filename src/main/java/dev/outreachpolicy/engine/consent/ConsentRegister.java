package dev.outreachpolicy.engine.consent;

import java.util.List;
import java.util.Optional;

/** The register of consent receipts, as a decision reads it. */
public interface ConsentRegister {

    /**
     * The receipt {@code id} of the person {@code ref}: empty when it can no longer be read (the person was erased).
     * @throws UnknownReceiptException when there is no such receipt, or it is another person's
     */
    Optional<ConsentReceipt> receipt(String id, String ref);

    /** The person's receipts that can still be read, newest first (by {@code obtainedAt}, then by when recorded). */
    List<ConsentReceipt> receipts(String ref);

    /** No receipt is known. */
    ConsentRegister NONE = new ConsentRegister() {
        @Override
        public Optional<ConsentReceipt> receipt(String id, String ref) { throw new UnknownReceiptException(id); }

        @Override
        public List<ConsentReceipt> receipts(String ref) { return List.of(); }
    };

    /** The id names no receipt of this person. */
    final class UnknownReceiptException extends RuntimeException {
        public UnknownReceiptException(String id) { super("no consent receipt " + id + " for this person"); }
    }
}
