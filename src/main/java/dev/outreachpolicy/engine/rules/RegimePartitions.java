package dev.outreachpolicy.engine.rules;

import dev.outreachpolicy.engine.facts.AsOf;
import dev.outreachpolicy.engine.facts.Controller;
import dev.outreachpolicy.engine.facts.InScope;
import dev.outreachpolicy.engine.facts.Prospect;
import dev.outreachpolicy.engine.facts.Request;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.constraint.Constraint;
import org.drools.base.base.ClassObjectType;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

/**
 * Smaller copies of the ruleset's rule network, each holding only the rules that can fire for one set of regimes in
 * scope: what a request pays for in Drools is every rule its facts reach (alpha tests, the right inputs of every
 * join, and their removal afterwards), also the rules of regimes that do not apply to it. A UK e-mail never needs
 * the CASL, CAN-SPAM, CCPA or Washington rules; a Californian collection never needs the 60-odd GDPR rules.
 *
 * <p>Which rules a partition holds is read from the compiled rules, not from their metadata: a rule is left out of
 * a partition only when its condition starts with a positive {@code InScope( regime == "X" )} (or
 * {@code regime in ("X", "Y")}, which Drools keeps as {@code regime == "X" || regime == "Y"}) pattern and none of those regimes is in the partition's set. Every other rule (the
 * scope rules, the block list, NOT_COVERED, anything written otherwise) is in every partition.
 *
 * <p>Partitions are built for a few broad groups of regimes ({@link #GROUPS}). The partition is a guess checked
 * afterwards, so a wrong guess never changes an answer: the request is evaluated on the partition of the group last
 * seen for requests like it (same step, channel, places and year); if the regimes the scope
 * rules found are all in the partition's set, no rule left out could have matched (only the scope rules insert
 * {@code InScope}, and they are in every partition), so the evaluation is the one the whole ruleset gives. Otherwise,
 * or when there is no partition yet, the request is evaluated on the whole ruleset, and the partition of the group
 * its regimes fall in is built on a background thread for the next requests like it.
 */
final class RegimePartitions implements AutoCloseable {
    /**
     * Off unless {@code -Doutreach.rules.partitions=true}: measured faster for one kind of request and not yet shown
     * faster for a mix on this machine (bench/RESULTS.md), so every request is evaluated on the whole ruleset by default.
     */
    static final boolean ENABLED = "true".equals(System.getProperty("outreach.rules.partitions"));
    /**
     * The sets a partition is built for: a request whose regimes all fall in one of them is evaluated on that set's
     * partition. Few and broad on purpose: each partition is a copy of the rule network whose constraints Drools
     * compiles to classes of their own, and a partition per exact set of regimes (seven for the benchmark's mix) made
     * a mix of requests slower than the whole ruleset (more code for the JIT, call sites with more receiver types),
     * while two (Europe, North America) keep most of the gain. A set outside them is evaluated on the whole ruleset.
     */
    static final List<Set<String>> GROUPS = List.of(
        Set.of("EU_GDPR", "UK_GDPR", "EU_EPRIVACY", "UK_PECR"),
        Set.of("CAN_SPAM", "WA_CEMA", "CCPA", "CASL"));
    private static final int MAX_GUESSES = 4096;
    private static final Pattern EQUALS = Pattern.compile("^\\(*\\s*regime\\s*==\\s*\"([A-Z0-9_]+)\"\\s*\\)*$");
    private static final Pattern IN = Pattern.compile("^\\(*\\s*regime\\s+in\\s*\\(([^)]*)\\)\\s*\\)*$");
    private static final Pattern LITERAL = Pattern.compile("\"([A-Z0-9_]+)\"");

    /** One smaller rule network, its sessions and the catalogue that knows its rules. */
    record Partition(Set<String> regimes, SessionPool pool, RuleCatalogue catalogue) { }

    private record Key(String step, String channel, String controllerCountry, String controllerSubdivision,
                       String prospectLocation, String prospectSubdivision, int year) { }

    private final KieContainer container;
    private final RuleCatalogue catalogue;
    private final PolicyData policy;
    private final int idleSessions;
    /** For each rule (by catalogue key), the regimes one of which it needs in scope; absent: needed always. */
    private final Map<String, Set<String>> needs;
    private final Map<Set<String>, Partition> partitions = new ConcurrentHashMap<>();
    private final Set<Set<String>> building = ConcurrentHashMap.newKeySet();
    private final Map<Key, Set<String>> lastSeen = new ConcurrentHashMap<>();
    private final ExecutorService builder;
    private volatile boolean closed;

    RegimePartitions(KieContainer container, RuleCatalogue catalogue, PolicyData policy, int idleSessions) {
        this.container = container;
        this.catalogue = catalogue;
        this.policy = policy;
        this.idleSessions = idleSessions;
        this.needs = needs(container.getKieBase());
        this.builder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rules-partition-builder");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    /** The partition to try for these facts, or null (evaluate on the whole ruleset). */
    Partition guess(AsOf asOf, Collection<?> facts) {
        Set<String> regimes = lastSeen.get(key(asOf, facts));
        return regimes == null ? null : partitions.get(regimes);
    }

    /** Records the group of the regimes the scope rules found for these facts; builds its partition if there is none yet. */
    void learn(AsOf asOf, Collection<?> facts, List<String> inScope) {
        Set<String> regimes = null;
        for (Set<String> group : GROUPS) {
            if (group.containsAll(inScope)) {
                regimes = group;
                break;
            }
        }
        if (lastSeen.size() >= MAX_GUESSES) {
            lastSeen.clear();
        }
        Key key = key(asOf, facts);
        if (regimes == null) {
            lastSeen.remove(key);
            return;
        }
        lastSeen.put(key, regimes);
        if (closed || partitions.containsKey(regimes) || !building.add(regimes)) {
            return;
        }
        Set<String> group = regimes;
        try {
            builder.execute(() -> {
                try {
                    if (!closed) {
                        Partition p = build(group);
                        partitions.put(group, p);
                        if (closed) {
                            p.pool().close();
                        }
                    }
                } catch (RuntimeException e) {
                    // No partition for this set: its requests keep using the whole ruleset.
                } finally {
                    building.remove(group);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            building.remove(group);
        }
    }

    /** Builds the partition for a set of regimes now (tests; the service builds them in the background). */
    Partition build(Set<String> regimes) {
        KieBase kb = container.newKieBase(null);
        for (KiePackage p : kb.getKiePackages()) {
            for (Rule r : new ArrayList<>(p.getRules())) {
                Set<String> need = needs.get(RuleInfo.key(r.getPackageName(), r.getName()));
                if (need != null && need.stream().noneMatch(regimes::contains)) {
                    kb.removeRule(r.getPackageName(), r.getName());
                }
            }
        }
        RuleCatalogue view = catalogue.withRulesOf(kb);
        return new Partition(regimes, new SessionPool(kb, view, policy, idleSessions), view);
    }

    /** How many rules the partition for this set would hold (for a test and the benchmark notes). */
    int ruleCount(Set<String> regimes) {
        int n = 0;
        for (RuleInfo info : catalogue.all()) {
            Set<String> need = needs.get(info.key());
            if (need == null || need.stream().anyMatch(regimes::contains)) {
                n++;
            }
        }
        return n;
    }

    private static Key key(AsOf asOf, Collection<?> facts) {
        Request request = null;
        for (Object o : facts) {
            if (o instanceof Request r) {
                request = r;
                break;
            }
        }
        if (request == null) {
            return new Key(null, null, null, null, null, null, asOf.getDate().getYear());
        }
        Controller controller = request.getController();
        Prospect prospect = request.getProspect();
        return new Key(request.getStep(), request.getChannel(), controller.getCountry(), controller.getSubdivision(),
            prospect.getLocation(), prospect.getSubdivision(), asOf.getDate().getYear());
    }

    /** The regimes each rule needs in scope, read from the positive InScope patterns at the top of its condition. */
    static Map<String, Set<String>> needs(KieBase kieBase) {
        Map<String, Set<String>> out = new HashMap<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                if (!(r instanceof RuleImpl impl)) {
                    continue;
                }
                GroupElement lhs = impl.getLhs();
                if (lhs == null || !lhs.isAnd()) {
                    continue;
                }
                Set<String> need = new LinkedHashSet<>();
                for (Object child : lhs.getChildren()) {
                    if (child instanceof org.drools.base.rule.Pattern pattern
                            && pattern.getObjectType() instanceof ClassObjectType type && type.getClassType() == InScope.class) {
                        for (Constraint c : pattern.getConstraints()) {
                            need.addAll(regimesOf(c));
                        }
                    }
                }
                if (!need.isEmpty()) {
                    out.put(RuleInfo.key(r.getPackageName(), r.getName()), Set.copyOf(need));
                }
            }
        }
        return out;
    }

    /** The regimes an InScope constraint accepts, when it is {@code regime == "X"} or {@code regime in (...)}. */
    static Set<String> regimesOf(Constraint c) {
        String text = expression(c);
        if (text == null) {
            return Set.of();
        }
        text = text.trim();
        Matcher eq = EQUALS.matcher(text);
        if (eq.matches()) {
            return Set.of(eq.group(1));
        }
        Matcher in = IN.matcher(text);
        if (in.matches()) {
            Set<String> out = new LinkedHashSet<>();
            Matcher lit = LITERAL.matcher(in.group(1));
            while (lit.find()) {
                out.add(lit.group(1));
            }
            return out;
        }
        Set<String> out = new LinkedHashSet<>();       // how Drools writes regime in (...): regime == "X" || regime == "Y"
        for (String part : text.split("\\|\\|")) {
            Matcher one = EQUALS.matcher(part.trim());
            if (!one.matches()) {
                return Set.of();
            }
            out.add(one.group(1));
        }
        return out;
    }

    private static String expression(Constraint c) {
        try {
            java.lang.reflect.Method m = c.getClass().getMethod("getExpression");
            Object v = m.invoke(c);
            return v == null ? null : v.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        closed = true;
        builder.shutdownNow();
        for (Partition p : partitions.values()) {
            p.pool().close();
        }
    }
}
