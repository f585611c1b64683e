package dev.outreachpolicy.serving;

import dev.outreachpolicy.engine.rules.Ruleset;
import dev.outreachpolicy.engine.rules.RulesetCompiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outreachpolicy.engine.facts.AsOf;
import dev.outreachpolicy.engine.facts.Processing;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replaced rulesets are released: after many compile-evaluate-close cycles no closed ruleset stays reachable. */
class RulesetReleaseTest {
    @Test
    void closedRulesetsAreGarbageCollected() throws Exception {
        RulesetCompiler compiler = new RulesetCompiler(2);
        List<WeakReference<Ruleset>> released = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Ruleset r = compiler.compile(Path.of("rules"));
            r.evaluate(new AsOf(Instant.parse("2026-11-22T10:00:00Z")), List.of(new Processing("STORAGE", null, null, null)), Map.of());
            r.evaluate(new AsOf(Instant.parse("2026-11-22T10:00:00Z")), List.of(new Processing("STORAGE", null, null, null)));
            r.close();
            released.add(new WeakReference<>(r));
        }
        for (int i = 0; i < 20 && released.stream().anyMatch(w -> w.get() != null); i++) {
            System.gc();
            Thread.sleep(100);
        }
        assertEquals(0, released.stream().filter(w -> w.get() != null).count(), "closed rulesets still reachable");
    }
}
