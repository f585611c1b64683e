package dev.outreachpolicy.engine.facts;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** The enumerations of the decision API contract, in the contract's order. */
public final class Vocabulary {
    public static final Set<String> STEPS = of("COLLECTION", "ENRICHMENT", "STORAGE", "SEGMENTATION", "SCORING",
        "PERSONALISATION", "OUTREACH", "SHARING", "TRAINING");
    public static final Set<String> CHANNELS = of("EMAIL", "SMS", "PHONE", "AUTOMATED_CALL", "LINKEDIN", "POST");
    public static final Set<String> SUBSCRIBER_TYPES = of("CORPORATE", "INDIVIDUAL", "SOLE_TRADER");
    public static final Set<String> REGISTER_STATUSES = of("REGISTERED", "NOT_REGISTERED", "UNKNOWN");
    public static final Set<String> ARTICLE6 = of("CONSENT", "CONTRACT", "LEGAL_OBLIGATION", "VITAL_INTERESTS",
        "PUBLIC_TASK", "LEGITIMATE_INTEREST");
    public static final Set<String> ARTICLE9 = of("EXPLICIT_CONSENT", "EMPLOYMENT", "VITAL_INTERESTS", "NOT_FOR_PROFIT",
        "MANIFESTLY_PUBLIC", "LEGAL_CLAIMS", "SUBSTANTIAL_PUBLIC_INTEREST", "HEALTH_CARE", "PUBLIC_HEALTH", "ARCHIVING_RESEARCH");
    public static final Set<String> DATA_CATEGORIES = of("NAME", "WORK_EMAIL", "PERSONAL_EMAIL", "WORK_PHONE",
        "PERSONAL_PHONE", "JOB_TITLE", "COMPANY", "SOCIAL_PROFILE", "LOCATION", "ONLINE_ACTIVITY",
        "RACIAL_ETHNIC_ORIGIN", "POLITICAL_OPINIONS", "RELIGIOUS_BELIEFS", "TRADE_UNION", "GENETIC", "BIOMETRIC",
        "HEALTH", "SEX_LIFE_ORIENTATION");
    public static final Set<String> SUPPRESSION_SCOPES = of("ALL", "EMAIL", "SMS", "PHONE", "LINKEDIN", "POST", "SALE_SHARING");
    /** {@code message.promotes} (contract v1.1). */
    public static final Set<String> PROMOTES = of("PRODUCTS", "CHARITABLE_PURPOSE");
    /** {@code basis.legalObligation.source} (contract v1.1). */
    public static final Set<String> LEGAL_OBLIGATION_SOURCES = of("STATUTE", "SECONDARY_LEGISLATION", "COMMON_LAW", "CONTRACT");
    /** The obligation codes of rulebook §0 (stable identifiers); rules may oblige only these. */
    public static final Set<String> COUNTRIES = of(Locale.getISOCountries());

    private Vocabulary() { }

    private static Set<String> of(String... values) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(values)));
    }
}
