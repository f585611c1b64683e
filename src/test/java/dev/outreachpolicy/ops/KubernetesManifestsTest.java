package dev.outreachpolicy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.outreachpolicy.TestFolders;
import dev.outreachpolicy.engine.rules.RuleSource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kubernetes/ parsed strictly into the Kubernetes model (fabric8, the version the Quarkus BOM manages): every
 * document must be a known kind at its API version, and a field the model does not know fails, as the API server's
 * strict field validation would. Then what a platform team relies on: at least two replicas with the three probes on
 * the service's health endpoints, requests and limits, keys and credentials from the Secret, the rules from the
 * ConfigMap laid out so that they give the same ruleset version as the checkout, and a Service, budget and autoscaler
 * that select those pods.
 */
class KubernetesManifestsTest {
    private static final Path DIR = Path.of("deploy/kubernetes");
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of("Deployment", Deployment.class,
        "Service", Service.class, "ConfigMap", ConfigMap.class, "Secret", Secret.class,
        "PodDisruptionBudget", PodDisruptionBudget.class, "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);

    /** Jackson over the fabric8 model, without the catch-all that would take any unknown field silently. */
    private static final ObjectMapper STRICT = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .registerModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean, BeanDeserializerBuilder builder) {
                if (bean.getBeanClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
                    builder.setAnySetter(null);
                }
                return builder;
            }
        }));

    @TempDir
    Path tmp;

    static HasMetadata parse(JsonNode doc) throws Exception {
        String kind = doc.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(kind);
        assertNotNull(type, "a kind this deployment uses: " + kind);
        assertEquals(HasMetadata.getApiVersion(type), doc.path("apiVersion").asText(), kind + " at its API version");
        return STRICT.treeToValue(doc, type);
    }

    static List<HasMetadata> load(Path file) throws Exception {
        List<HasMetadata> out = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            var docs = new YAMLMapper().readValues(parser, JsonNode.class);
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isEmpty()) {
                    out.add(parse(doc));
                }
            }
        }
        return out;
    }

    private static <T> T one(List<HasMetadata> all, Class<T> type) {
        List<T> found = all.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), type.getSimpleName());
        return found.get(0);
    }

    private static List<HasMetadata> manifests(String deployment) throws Exception {
        List<HasMetadata> all = new ArrayList<>();
        for (String f : List.of(deployment, "service.yaml", "pdb.yaml", "hpa.yaml", "secret.example.yaml")) {
            all.addAll(load(DIR.resolve(f)));
        }
        return all;
    }

    @Test
    void everyManifestParsesStrictly() throws Exception {
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                assertTrue(!load(f).isEmpty(), f.toString());
            }
        }
    }

    @Test
    void anUnknownFieldOrKindIsRefused() throws Exception {
        JsonNode typo = new YAMLMapper().readTree("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replica: 2}\n");
        assertThrows(Exception.class, () -> parse(typo));
        JsonNode probe = new YAMLMapper().readTree("apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {ports: [{port: 80, targetPort: http, protocl: TCP}]}\n");
        assertThrows(Exception.class, () -> parse(probe));
        JsonNode oldApi = new YAMLMapper().readTree("apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: x}\n");
        assertThrows(Throwable.class, () -> parse(oldApi));
    }

    @Test
    void bothDeploymentsRunTwoProbedBoundedReplicasWithTheirSecretAndAreSelected() throws Exception {
        for (String variant : List.of("deployment.yaml", "git-sync/deployment.yaml")) {
            List<HasMetadata> all = manifests(variant);
            Deployment d = one(all, Deployment.class);
            assertTrue(d.getSpec().getReplicas() >= 2, variant + ": at least two replicas");
            Container policy = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals("/q/health/ready", policy.getReadinessProbe().getHttpGet().getPath(), variant);
            assertEquals("/q/health/live", policy.getLivenessProbe().getHttpGet().getPath(), variant);
            assertEquals("/q/health/started", policy.getStartupProbe().getHttpGet().getPath(), variant);
            for (String r : List.of("cpu", "memory")) {
                assertNotNull(policy.getResources().getRequests().get(r), variant + " requests " + r);
                assertNotNull(policy.getResources().getLimits().get(r), variant + " limits " + r);
            }
            Secret secret = one(all, Secret.class);
            assertEquals(secret.getMetadata().getName(), policy.getEnvFrom().get(0).getSecretRef().getName());
            for (String key : List.of("POLICY_API_KEYS", "POLICY_SUPPRESSION_KEY", "QUARKUS_DATASOURCE_JDBC_URL",
                    "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
                assertTrue(secret.getStringData().containsKey(key), "the Secret holds " + key);
            }
            Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertEquals(d.getSpec().getSelector().getMatchLabels(), podLabels);
            Service service = one(all, Service.class);
            assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()), "the Service selects the pods");
            assertEquals(policy.getPorts().get(0).getName(), service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
            PodDisruptionBudget pdb = one(all, PodDisruptionBudget.class);
            assertTrue(podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
            assertTrue(pdb.getSpec().getMinAvailable().getIntVal() < d.getSpec().getReplicas(), "a drain can proceed");
            HorizontalPodAutoscaler hpa = one(all, HorizontalPodAutoscaler.class);
            assertEquals(d.getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName());
            assertTrue(hpa.getSpec().getMinReplicas() >= 2);
            int pool = Integer.parseInt(policy.getEnv().stream().filter(e -> e.getName().equals("QUARKUS_DATASOURCE_JDBC_MAX_SIZE"))
                .findFirst().orElseThrow().getValue());
            assertTrue(hpa.getSpec().getMaxReplicas() * pool <= 90,
                variant + ": the most replicas the autoscaler makes, each with its pool, fit PostgreSQL's default 100 connections");
        }
    }

    @Test
    void theRulesFromTheConfigMapGiveTheSameVersionAsTheCheckout() throws Exception {
        Process p = new ProcessBuilder("bash", DIR.resolve("rules-configmap").toString(), "rules").redirectErrorStream(false).start();
        String yaml = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), new String(p.getErrorStream().readAllBytes()));
        ConfigMap cm = (ConfigMap) parse(new YAMLMapper().readTree(yaml));

        Deployment d = one(load(DIR.resolve("deployment.yaml")), Deployment.class);
        var volumes = d.getSpec().getTemplate().getSpec().getVolumes();
        assertTrue(volumes.stream().anyMatch(v -> v.getConfigMap() != null && cm.getMetadata().getName().equals(v.getConfigMap().getName())),
            "the Deployment mounts the ConfigMap the script makes");

        // The kubelet shows each key as a file; the init container's own script lays them out as the rules folder.
        Path from = tmp.resolve("config");
        Path to = tmp.resolve("rules");
        Files.createDirectories(from);
        Files.createDirectories(to);
        for (var e : cm.getBinaryData().entrySet()) {
            Files.write(from.resolve(e.getKey()), Base64.getDecoder().decode(e.getValue()));
        }
        Container init = d.getSpec().getTemplate().getSpec().getInitContainers().get(0);
        ProcessBuilder run = new ProcessBuilder(init.getCommand()).redirectErrorStream(true);
        run.environment().put("FROM", from.toString());
        run.environment().put("TO", to.toString());
        Process laid = run.start();
        String out = new String(laid.getInputStream().readAllBytes());
        assertEquals(0, laid.waitFor(), out);
        String container = d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
            .filter(e -> e.getName().equals("POLICY_RULES_DIR")).findFirst().orElseThrow().getValue();
        assertEquals(init.getEnv().stream().filter(e -> e.getName().equals("TO")).findFirst().orElseThrow().getValue(), container);
        assertEquals(RuleSource.read(Path.of("rules")).version(), RuleSource.read(to).version());
        TestFolders.deleteTree(to);
    }
}
