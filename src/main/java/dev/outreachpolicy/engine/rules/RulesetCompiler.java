package dev.outreachpolicy.engine.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles a rules folder at run time into a {@link Ruleset}: the DRL files with Drools' compiler, the
 * policy data, the checks on every rule's metadata, and the check of the vocabulary its strings use
 * ({@link VocabularyCheck}). Either every file compiles and every check
 * passes, or a {@link RulesetException} lists every problem as {@code file:line:column: message};
 * there is never half a ruleset.
 */
public final class RulesetCompiler {
    private static final Pattern LINE_COL = Pattern.compile("[Ll]ine (\\d+):(\\d+)");
    private static final AtomicLong BUILDS = new AtomicLong();
    private static final ClassLoader PARENT = new RememberingClassLoader(RulesetCompiler.class.getClassLoader());
    private final int idleSessions;

    public RulesetCompiler(int idleSessions) { this.idleSessions = idleSessions; }

    public RulesetCompiler() { this(Math.max(4, Runtime.getRuntime().availableProcessors() * 4)); }

    public Ruleset compile(Path folder) throws RulesetException {
        return compile(RuleSource.read(folder));
    }

    public Ruleset compile(RuleSource source) throws RulesetException {
        PolicyData policy = PolicyData.load(source);
        policy.checkUses(source);
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("dev.outreachpolicy.ruleset", "rules", "1.0." + BUILDS.incrementAndGet());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        int drl = 0;
        for (RuleFile f : source.files()) {
            if (f.isRules()) {
                kfs.write("src/main/resources/" + f.path(), f.text());
                drl++;
            }
        }
        if (drl == 0) {
            throw new RulesetException(List.of(new RuleError(source.label(), 0, 0, "the rules folder holds no .drl file")));
        }
        List<RuleError> moved = MovedNames.check(source);
        if (!moved.isEmpty()) {
            throw new RulesetException(moved);    // the cause of every "unable to resolve type" that would follow
        }
        KieBuilder builder = ks.newKieBuilder(kfs, PARENT).buildAll();
        List<RuleError> errors = errors(source, builder.getResults().getMessages(Message.Level.ERROR));
        errors.addAll(VocabularyCheck.check(source, policy));    // "OUTRECH" compiles but never matches
        errors.addAll(RequestPartsCheck.check(source));          // so does a pattern on Prospect instead of Request
        if (!errors.isEmpty()) {
            ks.getRepository().removeKieModule(releaseId);
            throw new RulesetException(errors);
        }
        KieContainer container = ks.newKieContainer(releaseId, PARENT);
        ks.getRepository().removeKieModule(releaseId);
        try {
            RuleCatalogue catalogue = RuleCatalogue.read(container.getKieBase(), source, new LinkedHashSet<>(policy.regimes()));
            return new Ruleset(source, catalogue, policy, container, idleSessions);
        } catch (RulesetException | RuntimeException e) {
            container.dispose();
            throw e;
        }
    }

    private static List<RuleError> errors(RuleSource source, List<Message> messages) {
        List<RuleError> errors = new ArrayList<>();
        for (Message m : messages) {
            if (m.getText() != null && m.getText().contains("Parser returned a null Package")) {
                continue;
            }
            String path = m.getPath() == null ? "" : m.getPath().replaceFirst("^src/main/resources/", "");
            int line = m.getLine();
            int column = m.getColumn();
            Matcher lc = LINE_COL.matcher(m.getText() == null ? "" : m.getText());
            if (lc.find()) {
                if (line <= 0) {
                    line = Integer.parseInt(lc.group(1));
                }
                if (column <= 0) {
                    column = Integer.parseInt(lc.group(2)) + 1;
                }
            }
            String text = m.getText() == null ? "" : m.getText().replaceAll("\\s+", " ").trim();
            errors.add(new RuleError(path.isEmpty() ? source.label() : source.shown(path), Math.max(line, 0), Math.max(column, 0), text));
        }
        if (errors.isEmpty()) {
            for (Message m : messages) {
                String path = m.getPath() == null ? "" : m.getPath().replaceFirst("^src/main/resources/", "");
                errors.add(new RuleError(source.shown(path), Math.max(m.getLine(), 0), Math.max(m.getColumn(), 0), m.getText()));
            }
        }
        return errors;
    }
}
