package dev.outreachpolicy.serving;

import dev.outreachpolicy.engine.rules.RuleFile;
import dev.outreachpolicy.engine.rules.RuleSource;
import dev.outreachpolicy.engine.rules.Ruleset;
import dev.outreachpolicy.engine.rules.RulesetCompiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outreachpolicy.TestFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules folder as Kubernetes mounts it from a ConfigMap (deploy/kubernetes/): the files sit in a hidden,
 * timestamped folder, {@code ..data} links to it, and each top-level entry is a link through {@code ..data}. The
 * service must read the same files, under the same paths, as from the git checkout: the same version, every rule once.
 * Then the kubelet swaps in a new timestamped folder (an edited ConfigMap), and the new content serves.
 */
class MountedRulesFolderTest {
    @TempDir
    Path dir;

    @Test
    void aConfigMapVolumeGivesTheSameVersionAsTheCheckout() throws Exception {
        Path mount = dir.resolve("mount");
        Path first = mount.resolve("..2026_12_03_10_00_00.000000001");
        TestFolders.copyTree(Path.of("rules"), first);
        Files.createSymbolicLink(mount.resolve("..data"), first.getFileName());
        try (Stream<Path> top = Files.list(first)) {
            for (Path entry : top.toList()) {
                Files.createSymbolicLink(mount.resolve(entry.getFileName()), Path.of("..data").resolve(entry.getFileName()));
            }
        }
        RuleSource checkout = RuleSource.read(Path.of("rules"));
        RuleSource mounted = RuleSource.read(mount);
        assertEquals(paths(checkout), paths(mounted));
        assertEquals(checkout.version(), mounted.version());
        try (Ruleset r = new RulesetCompiler().compile(mount)) {
            assertEquals(checkout.version(), r.version());
        }

        Path second = mount.resolve("..2026_12_03_11_00_00.000000002");
        TestFolders.copyTree(Path.of("rules"), second);
        Files.writeString(second.resolve("policy.yaml"), Files.readString(second.resolve("policy.yaml")) + "\n# edited\n");
        Path tmp = mount.resolve("..data_tmp");
        Files.createSymbolicLink(tmp, second.getFileName());
        Files.move(tmp, mount.resolve("..data"), java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        TestFolders.deleteTree(first);
        RuleSource edited = RuleSource.read(mount);
        assertEquals(paths(checkout), paths(edited));
        org.junit.jupiter.api.Assertions.assertNotEquals(checkout.version(), edited.version());
    }

    private static List<String> paths(RuleSource s) {
        return s.files().stream().map(RuleFile::path).toList();
    }
}
