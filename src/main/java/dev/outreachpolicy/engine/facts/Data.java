package dev.outreachpolicy.engine.facts;

import java.util.List;
import java.util.Set;

/** The categories of personal data the step processes, and whether they came from public sources. */
public final class Data {
    /** The special categories of Art. 9(1). */
    public static final Set<String> SPECIAL_CATEGORIES = Set.of("RACIAL_ETHNIC_ORIGIN", "POLITICAL_OPINIONS",
        "RELIGIOUS_BELIEFS", "TRADE_UNION", "GENETIC", "BIOMETRIC", "HEALTH", "SEX_LIFE_ORIENTATION");

    private final List<String> categories;
    private final Boolean publiclyAvailable;

    public Data(List<String> categories, Boolean publiclyAvailable) {
        this.categories = categories == null ? List.of() : List.copyOf(categories);
        this.publiclyAvailable = publiclyAvailable;
    }

    public List<String> getCategories() { return categories; }
    public Boolean getPubliclyAvailable() { return publiclyAvailable; }

    public boolean includes(String category) { return categories.contains(category); }

    /** Any special category of Art. 9(1). */
    public boolean isSpecial() {
        for (String c : categories) {
            if (SPECIAL_CATEGORIES.contains(c)) {
                return true;
            }
        }
        return false;
    }

    /** A personal e-mail address or personal phone number, beyond what B2B outreach needs. */
    public boolean isPersonalContactDetails() { return includes("PERSONAL_EMAIL") || includes("PERSONAL_PHONE"); }
}
