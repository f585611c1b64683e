package dev.outreachpolicy.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outreachpolicy.TestFolders;
import dev.outreachpolicy.engine.rules.RuleSource;
import dev.outreachpolicy.engine.rules.Ruleset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ruleset compiled as the process starts is served only if the files are still the ones it was compiled from. */
class EarlyCompileTest {
    @TempDir
    Path dir;

    @Test
    void theEarlyRulesetServesWhenTheFilesAreUnchanged() throws Exception {
        Path rules = dir.resolve("rules");
        TestFolders.copyTree(Path.of("rules"), rules);
        EarlyCompile.begin(rules);
        Optional<Ruleset> taken = EarlyCompile.take(rules);
        assertTrue(taken.isPresent());
        assertEquals(RuleSource.read(rules).version(), taken.get().version());
        taken.get().close();
    }

    @Test
    void anEditDuringTheStartIsNotLost() throws Exception {
        Path rules = dir.resolve("rules");
        TestFolders.copyTree(Path.of("rules"), rules);
        EarlyCompile.begin(rules);
        for (int i = 0; i < 600 && !EarlyCompile.ended(); i++) {
            Thread.sleep(50);    // the edit comes after the early compile has read and compiled the files
        }
        Path scope = rules.resolve("common/scope.drl");
        Files.writeString(scope, Files.readString(scope) + "\n// edited while the service started\n");
        assertEquals(Optional.empty(), EarlyCompile.take(rules), "the edited folder is compiled again by the caller");
    }
}
