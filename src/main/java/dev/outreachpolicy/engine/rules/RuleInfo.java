package dev.outreachpolicy.engine.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a legal reader needs to know about one DRL rule, read from its name and metadata.
 *
 * <p>A rule is named {@code "<id>"} or {@code "<id>: <case>"}, so one requirement of the rulebook may be
 * written as a few rules that share its id, each for one case. Metadata: {@code @regimes("EU_GDPR", "UK_GDPR")}
 * (or {@code @regime("UK_PECR")}), {@code @citation("...")}, optionally {@code @citation_UK_GDPR("...")} where
 * one regime cites the provision differently, and {@code @validFrom("2018-05-25")} / {@code @validTo("...")}:
 * inclusive dates in force, compared with the UTC date of the request's {@code asOf}.
 *
 * <p>A rule serving several regimes is written once with an id that starts with its family ({@code gdpr.…});
 * each reason names the regime that applied, and the rule's id for that regime: {@code eu-gdpr.…} or
 * {@code uk-gdpr.…} (rulebook §0 "Regime labels").
 */
public record RuleInfo(String packageName, String name, String id, String caseTitle, List<String> regimes,
                       String citation, Map<String, String> regimeCitations, LocalDate validFrom, LocalDate validTo,
                       String file, int line, int salience) {

    public String key() { return key(packageName, name); }

    public static String key(String packageName, String name) { return packageName + "/" + name; }

    public boolean inForce(LocalDate date) {
        return (validFrom == null || !date.isBefore(validFrom)) && (validTo == null || !date.isAfter(validTo));
    }

    /** The id a reason carries when this rule fires for the given regime. */
    public String idFor(String regime) {
        if (regime == null || regimes.size() < 2) {
            return id;
        }
        int dot = id.indexOf('.');
        return regime.toLowerCase(Locale.ROOT).replace('_', '-') + (dot < 0 ? "." + id : id.substring(dot));
    }

    public String citationFor(String regime) {
        String c = regime == null ? null : regimeCitations.get(regime);
        return c != null ? c : citation;
    }

    /** The one regime a reason gets when nothing in the match names one. */
    public String defaultRegime() { return regimes.isEmpty() ? null : regimes.get(0); }
}
