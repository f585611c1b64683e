package dev.outreachpolicy.engine.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A snapshot of a rules folder: the rule files ({@code .drl}) and the policy data ({@code .yaml}, {@code .yml},
 * {@code .json}) read at one moment, in path order, with the digest that names the ruleset version.
 * Documentation ({@code .md}) and anything else is not part of the ruleset.
 */
public final class RuleSource {
    private final Path folder;
    private final String label;
    private final List<RuleFile> files;
    private final String version;

    private RuleSource(Path folder, List<RuleFile> files) {
        this.folder = folder;
        Path name = folder.toAbsolutePath().normalize().getFileName();
        this.label = name == null ? "rules" : name.toString();
        this.files = files;
        this.version = digest(files);
    }

    public static RuleSource read(Path folder) throws RulesetException {
        if (!Files.isDirectory(folder)) {
            throw new RulesetException(List.of(new RuleError(folder.toString(), 0, 0, "the rules folder does not exist")));
        }
        // Symbolic links are followed and hidden entries skipped: a Kubernetes ConfigMap volume holds the files in a
        // hidden, timestamped folder ("..2026_12_03_…", linked as "..data") and shows each under its own name through
        // a link; a git-sync checkout is reached through a link too. Read plainly, such a folder gave every rule twice.
        try (Stream<Path> walk = Files.walk(folder, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            List<RuleFile> files = walk.filter(Files::isRegularFile)
                .filter(p -> !hidden(folder.relativize(p)))
                .filter(RuleSource::isRulesetFile)
                .map(p -> new RuleFile(folder.relativize(p).toString().replace('\\', '/'), readText(p)))
                .sorted((a, b) -> a.path().compareTo(b.path()))
                .toList();
            return new RuleSource(folder, files);
        } catch (IOException e) {
            throw new RulesetException(List.of(new RuleError(folder.toString(), 0, 0, "cannot read the rules folder: " + e.getMessage())));
        } catch (UncheckedIOException e) {
            throw new RulesetException(List.of(new RuleError(folder.toString(), 0, 0, "cannot read a rule file: " + e.getCause().getMessage())));
        }
    }

    private static boolean hidden(Path relative) {
        for (Path segment : relative) {
            if (segment.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static boolean isRulesetFile(Path p) {
        String n = p.getFileName().toString();
        if (n.startsWith(".")) {
            return false;
        }
        return n.endsWith(".drl") || n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    private static String readText(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code sha256:} over each file's relative path and content, in path order. */
    static String digest(List<RuleFile> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (RuleFile f : files) {
                sha.update(f.path().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                byte[] content = f.text().getBytes(StandardCharsets.UTF_8);
                sha.update(Long.toString(content.length).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(content);
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path folder() { return folder; }

    /** The folder's name, used as the prefix of every file a rule, an error or the trace names. */
    public String label() { return label; }

    public List<RuleFile> files() { return files; }

    public String version() { return version; }

    /** The path shown to readers: {@code rules/uk/pecr-email.drl}. */
    public String shown(String relativePath) { return label + "/" + relativePath; }

    /** Each file as shown to readers, with the sha256 of its content: what a later version can be compared with. */
    public java.util.Map<String, String> fileDigests() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (RuleFile f : files) {
            try {
                out.put(shown(f.path()), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(f.text().getBytes(StandardCharsets.UTF_8))));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    public RuleFile file(String relativePath) {
        return files.stream().filter(f -> f.path().equals(relativePath)).findFirst().orElse(null);
    }
}
