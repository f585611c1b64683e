package dev.outreachpolicy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml is a valid Compose file (the Compose Specification's JSON schema, shipped in the test resources
 * with its source), and it runs the service as the Dockerfile builds it: PostgreSQL 15 on a named volume, the rules
 * mounted read-only where the image looks for them, every variable it needs in the example env file, health checks on
 * both services.
 */
class ComposeFileTest {
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Path COMPOSE = Path.of("docker/compose.yaml");

    /** Loaded from the classpath, which is also the base its relative {@code $id} resolves against: nothing is fetched. */
    private static JsonSchema schema() {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(SchemaLocation.of("classpath:compose-spec.json"));
    }

    @Test
    void theComposeFileIsValidAgainstTheComposeSpecification() throws Exception {
        Set<ValidationMessage> errors = schema().validate(YAML.readTree(COMPOSE.toFile()));
        assertTrue(errors.isEmpty(), "docker/compose.yaml: " + errors);
    }

    @Test
    void theSchemaRefusesWhatComposeWouldRefuse() throws Exception {
        ObjectNode typo = (ObjectNode) YAML.readTree(COMPOSE.toFile());
        ((ObjectNode) typo.path("services").path("db")).set("healtcheck", typo.path("services").path("db").path("healthcheck"));
        assertFalse(schema().validate(typo).isEmpty(), "an unknown service key must fail");
        ObjectNode badCondition = (ObjectNode) YAML.readTree(COMPOSE.toFile());
        ((ObjectNode) badCondition.path("services").path("policy").path("depends_on").path("db")).put("condition", "service_ready");
        assertFalse(schema().validate(badCondition).isEmpty(), "an unknown depends_on condition must fail");
    }

    @Test
    void theServiceRunsOnPostgres15WithTheRulesMountedReadOnlyAndBothHealthChecked() throws Exception {
        JsonNode compose = YAML.readTree(COMPOSE.toFile());
        JsonNode db = compose.path("services").path("db");
        JsonNode policy = compose.path("services").path("policy");
        assertTrue(db.path("image").asText().matches("postgres:15(\\..*)?"), db.path("image").asText());
        String dbVolume = db.path("volumes").get(0).path("source").asText();
        assertEquals("volume", db.path("volumes").get(0).path("type").asText());
        assertTrue(compose.path("volumes").has(dbVolume), "the database's volume is a named volume");
        assertTrue(db.path("healthcheck").path("test").toString().contains("pg_isready"));
        assertEquals("service_healthy", policy.path("depends_on").path("db").path("condition").asText());
        assertTrue(policy.path("healthcheck").path("test").toString().contains("/q/health/ready"));

        JsonNode rules = policy.path("volumes").get(0);
        assertEquals("../rules", rules.path("source").asText());
        assertTrue(rules.path("read_only").asBoolean(), "the rules are mounted read-only");
        assertTrue(Files.isDirectory(COMPOSE.getParent().resolve(rules.path("source").asText())));
        assertEquals(rules.path("target").asText(), policy.path("environment").path("POLICY_RULES_DIR").asText());
        assertTrue(policy.path("environment").path("QUARKUS_DATASOURCE_JDBC_URL").asText().startsWith("jdbc:postgresql://db:5432/"));

        String dockerfile = Files.readString(COMPOSE.getParent().resolve(policy.path("build").path("dockerfile").asText().replace("docker/", "")));
        assertTrue(dockerfile.contains("POLICY_RULES_DIR=" + rules.path("target").asText()), "the image looks for the rules where they are mounted");
        assertTrue(dockerfile.contains("install -y --no-install-recommends curl"), "the health check's curl is in the image");
        assertTrue(dockerfile.contains("EXPOSE 8080") && policy.path("ports").get(0).asText().endsWith(":8080"));
        assertTrue(Files.isDirectory(Path.of("target/quarkus-app")) || dockerfile.contains("COPY --chown=policy target/quarkus-app/"),
            "the image is built from the packaged service");
    }

    @Test
    void theExampleEnvFileHoldsEveryVariableTheComposeFileNeeds() throws Exception {
        String example = Files.readString(Path.of("docker/policy.env.example"));
        Set<String> defined = new HashSet<>();
        for (String line : example.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                defined.add(line.substring(0, line.indexOf('=')));
            }
        }
        for (String needed : new String[] {"POLICY_API_KEYS", "POLICY_SUPPRESSION_KEY", "POLICY_SUPPRESSION_KEY_ID", "QUARKUS_DATASOURCE_PASSWORD"}) {
            assertTrue(defined.contains(needed), needed + " in docker/policy.env.example");
        }
        Matcher interpolated = Pattern.compile("\\$\\{([A-Z_]+)").matcher(Files.readString(COMPOSE));
        while (interpolated.find()) {
            assertTrue(defined.contains(interpolated.group(1)), interpolated.group(1) + " in docker/policy.env.example");
        }
        JsonNode envFile = YAML.readTree(COMPOSE.toFile()).path("services").path("policy").path("env_file").get(0);
        assertEquals("policy.env", envFile.path("path").asText());
        assertTrue(Files.readString(Path.of(".gitignore")).contains("/docker/policy.env"), "the filled-in env file is never committed");
    }
}
