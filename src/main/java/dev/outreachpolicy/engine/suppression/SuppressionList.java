package dev.outreachpolicy.engine.suppression;

import dev.outreachpolicy.engine.facts.Suppressed;
import java.util.List;

/**
 * The global block list as the rules see it: every entry that names this person, by ref, by e-mail address
 * (or its whole domain) or by phone number, whatever its scope. The rule {@code suppression.block} decides
 * which scopes block the step.
 */
public interface SuppressionList {

    /**
     * @param ref the prospect's ref
     * @param email the normalised e-mail address, or null
     * @param phoneE164 the phone number in E.164, or null
     */
    List<Suppressed> find(String ref, String email, String phoneE164);
}
