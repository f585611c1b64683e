package dev.outreachpolicy.impact;

import dev.outreachpolicy.engine.input.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A candidate ruleset taken from the rules repository itself: the rules folder as it is at a git revision (the
 * branch of a pull request, a tag, a commit), written to a temporary folder with {@code git archive}. Only a
 * revision of the repository the serving rules folder lives in can be named (one not yet there is fetched from
 * that repository's {@code origin}); nothing is uploaded and the working tree is never touched.
 */
public final class GitRevision {
    private static final String ALLOWED = "[A-Za-z0-9][A-Za-z0-9._/@^~{}-]{0,199}";

    private GitRevision() { }

    /** The rules folder at {@code revision}, extracted under {@code into}; returns the commit it resolved to. */
    public static String extract(Path rulesFolder, String revision, Path into) throws IOException, InterruptedException {
        if (revision == null || !revision.matches(ALLOWED) || revision.contains("..")) {
            throw new InvalidInputException("/revision", "must name a git revision: a branch, tag or commit (letters, digits, . _ / - ^ ~)");
        }
        String prefix = git(rulesFolder, "rev-parse", "--show-prefix");
        if (prefix == null) {
            throw new InvalidInputException("/revision", "the rules folder " + rulesFolder + " is not in a git repository, so no revision can be named");
        }
        String commit = git(rulesFolder, "rev-parse", "--verify", "--quiet", revision + "^{commit}");
        if ((commit == null || commit.isBlank()) && git(rulesFolder, "fetch", "--quiet", "--no-tags", "origin", revision) != null) {
            // not here yet (a pull request's branch, refs/pull/N/head): fetched from the repository's own origin
            commit = git(rulesFolder, "rev-parse", "--verify", "--quiet", "FETCH_HEAD^{commit}");
        }
        if (commit == null || commit.isBlank()) {
            throw new InvalidInputException("/revision", "no revision " + revision + " in the rules repository (fetch the branch first)");
        }
        Path tar = Files.createTempFile("rules-revision", ".tar");
        try {
            String tree = prefix.isBlank() ? commit : commit + ":" + prefix.replaceAll("/$", "");
            // from the repository's top folder: run in a subfolder, git archive would also filter by that subfolder
            Path top = Path.of(git(rulesFolder, "rev-parse", "--show-toplevel"));
            if (git(top, "archive", "--format=tar", "-o", tar.toAbsolutePath().toString(), tree) == null) {
                throw new InvalidInputException("/revision", "revision " + revision + " has no " + prefix + " folder");
            }
            Files.createDirectories(into);
            run(List.of("tar", "-xf", tar.toAbsolutePath().toString(), "-C", into.toAbsolutePath().toString()), null);
        } finally {
            Files.deleteIfExists(tar);
        }
        return commit;
    }

    /** Deletes a folder made by {@link #extract}. */
    public static void delete(Path folder) {
        try (var walk = Files.walk(folder)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: the system cleans it eventually
        }
    }

    private static String git(Path folder, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", folder.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        return run(cmd, folder);
    }

    /** Runs a command; its standard output trimmed, or null when it exits non-zero. */
    private static String run(List<String> cmd, Path folder) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd.subList(0, Math.min(3, cmd.size()))) + " took more than 60 s");
        }
        return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).trim() : null;
    }
}
