package dev.outreachpolicy.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a fixtures folder: every {@code .yaml} file is one case, except files and folders whose name
 * starts with {@code _} (shared request bases). A case may name a {@code base} file whose request it starts from; its own
 * {@code request} is merged over the base as a JSON merge patch (RFC 7386: {@code null} removes a field).
 * Dates stay text, exactly as a request would send them. {@code setup.assessments} registers assessments first, each
 * {@code {name, versions: [...]}}; a request's {@code basis.liaRef} that equals a name is given that assessment's id.
 */
public final class FixtureLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    private static final Set<String> KEYS = Set.of("description", "base", "request", "setup", "expect");
    private static final Set<String> SETUP_KEYS = Set.of("suppressions", "registers", "policy", "assessments");
    private static final Set<String> EXPECT_KEYS = Set.of("outcome", "fires", "notFires", "obligations", "notObligations",
        "missingFacts", "regimes", "validUntil");

    private FixtureLoader() { }

    /** Every case of the folder, in path order; a file that cannot be read is an error naming it. */
    public static List<Fixture> load(Path folder) throws FixtureException {
        if (!Files.isDirectory(folder)) {
            throw new FixtureException(folder + ": the fixtures folder does not exist");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                .filter(p -> p.getFileName().toString().endsWith(".yaml") && !shared(folder.relativize(p)))
                .sorted().toList();
        } catch (IOException e) {
            throw new FixtureException(folder + ": " + e.getMessage());
        }
        List<Fixture> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(read(folder, f));
            } catch (FixtureException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new FixtureException(String.join("\n", errors));
        }
        return out;
    }

    /** A file or folder whose name starts with '_' holds shared bases, not cases. */
    private static boolean shared(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    static Fixture read(Path folder, Path file) throws FixtureException {
        String rel = folder.relativize(file).toString().replace('\\', '/');
        JsonNode root = tree(file, rel);
        if (root == null || !root.isObject()) {
            throw new FixtureException(rel + ": a fixture is a YAML mapping with description, request and expect");
        }
        unknownKeys(rel, "", root, KEYS);
        JsonNode request = requestOf(folder, file, root, rel, 0);
        if (request == null || !request.isObject()) {
            throw new FixtureException(rel + ": no request (give request:, or base: and request:)");
        }
        JsonNode setup = root.path("setup");
        if (setup.isObject()) {
            unknownKeys(rel, "setup.", setup, SETUP_KEYS);
        }
        Map<String, String> policy = new LinkedHashMap<>();
        setup.path("policy").fields().forEachRemaining(e -> policy.put(e.getKey(), e.getValue().asText()));
        JsonNode expect = root.path("expect");
        if (!expect.isObject()) {
            throw new FixtureException(rel + ": no expect: (at least the outcome)");
        }
        unknownKeys(rel, "expect.", expect, EXPECT_KEYS);
        Fixture.Expectation expectation = new Fixture.Expectation(text(expect, "outcome"), list(expect, "fires"),
            list(expect, "notFires"), list(expect, "obligations"), list(expect, "notObligations"),
            expect.has("missingFacts") ? list(expect, "missingFacts") : null,
            expect.has("regimes") ? list(expect, "regimes") : null, text(expect, "validUntil"));
        return new Fixture(rel, text(root, "description"), request, nodes(setup, "suppressions"), nodes(setup, "registers"),
            policy, expectation, nodes(setup, "assessments"));
    }

    private static JsonNode requestOf(Path folder, Path file, JsonNode root, String rel, int depth) throws FixtureException {
        if (depth > 5) {
            throw new FixtureException(rel + ": bases nest too deep");
        }
        JsonNode own = root.get("request");
        if (!root.hasNonNull("base")) {
            return own == null ? null : own.deepCopy();
        }
        Path basePath = file.getParent().resolve(root.get("base").asText()).normalize();
        if (!Files.isRegularFile(basePath)) {
            throw new FixtureException(rel + ": base " + root.get("base").asText() + " does not exist");
        }
        JsonNode baseRoot = tree(basePath, folder.relativize(basePath).toString());
        JsonNode base = requestOf(folder, basePath, baseRoot, rel, depth + 1);
        if (base == null) {
            throw new FixtureException(rel + ": base " + root.get("base").asText() + " has no request");
        }
        return own == null ? base : merge(base, own);
    }

    /** RFC 7386 JSON merge patch: objects merge key by key, null removes, anything else replaces. */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode out = target != null && target.isObject() ? (ObjectNode) target.deepCopy() : YAML.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                out.remove(e.getKey());
            } else {
                out.set(e.getKey(), merge(out.get(e.getKey()), e.getValue()));
            }
        }
        return out;
    }

    private static JsonNode tree(Path file, String rel) throws FixtureException {
        try {
            return YAML.readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new FixtureException(rel + ":" + line + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new FixtureException(rel + ": " + e.getMessage());
        }
    }

    private static void unknownKeys(String rel, String prefix, JsonNode node, Set<String> known) throws FixtureException {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!known.contains(n)) {
                throw new FixtureException(rel + ": unknown key " + prefix + n + " (known: " + String.join(", ", known) + ")");
            }
        }
    }

    private static String text(JsonNode n, String key) { return n.hasNonNull(key) ? n.get(key).asText() : null; }

    private static List<String> list(JsonNode n, String key) {
        List<String> out = new ArrayList<>();
        JsonNode v = n.get(key);
        if (v != null && v.isArray()) {
            v.forEach(x -> out.add(x.asText()));
        } else if (v != null && !v.isNull()) {
            out.add(v.asText());
        }
        return out;
    }

    private static List<JsonNode> nodes(JsonNode n, String key) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode v = n.get(key);
        if (v != null && v.isArray()) {
            v.forEach(out::add);
        }
        return out;
    }
}
