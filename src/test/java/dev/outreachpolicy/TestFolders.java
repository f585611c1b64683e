package dev.outreachpolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Copies of the project's folders (rules, fixtures) that a test may break or change without touching the originals. */
public final class TestFolders {
    private TestFolders() { }

    /** Copies a folder tree; the target must not exist yet. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Deletes a folder tree if it exists. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** A change made to a fresh copy of a folder. */
    public interface Change {
        void apply(Path copy) throws IOException;
    }

    /**
     * A copy of the project's rules folder at {@code target/<name>/rules} that tests may edit: made afresh (with
     * {@code change} applied) once per JVM, at a fixed path, because Quarkus loads a test profile through more than one
     * class loader and each load must see the same copy.
     */
    public static Path rulesCopy(String name, Change change) {
        try {
            Path target = Path.of("target", name, "rules").toAbsolutePath();
            String once = "policy.test-folders." + name + ".copied";
            if (System.getProperty(once) != null) {
                return target;
            }
            System.setProperty(once, "true");
            deleteTree(target);
            copyTree(Path.of("rules"), target);
            change.apply(target);
            return target;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
