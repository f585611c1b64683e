package dev.outreachpolicy.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.TestFolders;
import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A legal team that requires registered assessments: {@code policy.basis.inline-lia: DENY} makes an inline LIA a DENY. */
@QuarkusTest
@TestProfile(InlineLiaPolicyTest.DenyInlineLia.class)
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class InlineLiaPolicyTest {

    /** Keys per role, and a copy of the rules whose policy denies inline assessments. */
    public static class DenyInlineLia implements QuarkusTestProfile {
        static final Path RULES = TestFolders.rulesCopy("inline-lia-test", copy -> {
            Path policy = copy.resolve("policy.yaml");
            String text = Files.readString(policy);
            String changed = text.replaceFirst("(policy\\.basis\\.inline-lia:\\s*\\n\\s*value:\\s*)ALLOW", "$1DENY");
            if (changed.equals(text)) {
                throw new IllegalStateException("policy.yaml has no policy.basis.inline-lia: ALLOW to change");
            }
            Files.writeString(policy, changed);
        });

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> m = new HashMap<>(new KeysProfile().getConfigOverrides());
            m.put("policy.rules-dir", RULES.toString());
            return m;
        }
    }

    @Test
    void anInlineLiaIsDeniedAndTheRegisteredOnePermits() throws Exception {
        ObjectNode inline = AssessmentApiTest.example("crm:inline-" + System.nanoTime());
        AssessmentApiTest.as(KeysProfile.AGENT).body(inline.toString()).post("/v1/decisions").then().statusCode(200)
            .body("outcome", equalTo("DENY")).body("reasons.rule", hasItem("uk-gdpr.art6.lia-inline"));
        String id = AssessmentApiTest.as(KeysProfile.LEGAL).body(AssessmentApiTest.assessment("2026-03-01").toString())
            .post("/v1/assessments").then().statusCode(201).extract().path("id");
        AssessmentApiTest.as(KeysProfile.AGENT).body(AssessmentApiTest.withLiaRef(inline, id).toString()).post("/v1/decisions").then()
            .statusCode(200).body("outcome", equalTo("PERMIT")).body("reasons.rule", not(hasItem("uk-gdpr.art6.lia-inline")));
    }
}
