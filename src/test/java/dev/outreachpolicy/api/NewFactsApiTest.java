package dev.outreachpolicy.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The facts of contract v1.1 ({@code message.promotes}, {@code message.solicited}, {@code basis.legalObligation.source},
 * {@code basis.publicTask.vestedInController}, {@code prospect.relationshipEndsAt}) are read as strictly as every other
 * field, and decide what the rulebook v1.1 says they decide.
 */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class NewFactsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The contract example with one field set at a path such as {@code /basis/legalObligation/source}. */
    private static String exampleWith(String pointer, Object value) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(DecisionApiTest.example());
        String[] parts = pointer.substring(1).split("/");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            if (!(node.get(parts[i]) instanceof ObjectNode)) {
                node.putObject(parts[i]);
            }
            node = (ObjectNode) node.get(parts[i]);
        }
        node.set(parts[parts.length - 1], JSON.valueToTree(value));
        return JSON.writeValueAsString(root);
    }

    static List<Object[]> unknownValues() {
        return List.of(
            new Object[] {"/message/promotes", "DONATIONS", "PRODUCTS, CHARITABLE_PURPOSE"},
            new Object[] {"/message/promotes", "products", "PRODUCTS, CHARITABLE_PURPOSE"},
            new Object[] {"/message/solicited", "yes", ""},
            new Object[] {"/basis/legalObligation/source", "TREATY", "STATUTE, SECONDARY_LEGISLATION, COMMON_LAW, CONTRACT"},
            new Object[] {"/basis/publicTask/vestedInController", "maybe", ""},
            new Object[] {"/prospect/relationshipEndsAt", "next year", ""});
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("unknownValues")
    void anUnknownValueOfANewFactIsA400NamingItsPointer(String pointer, String value, String allowed) throws Exception {
        given().contentType("application/json").body(exampleWith(pointer, value)).post("/v1/decisions").then()
            .statusCode(400)
            .contentType("application/problem+json")
            .body("status", equalTo(400))
            .body("errors.pointer", equalTo(List.of(pointer)))
            .body("errors[0].message", containsString(allowed));
    }

    @Test
    void anUnknownFieldBesideTheNewFactsIsStillRejected() throws Exception {
        given().contentType("application/json").body(exampleWith("/message/solicitd", true)).post("/v1/decisions").then()
            .statusCode(400)
            .body("errors.pointer", hasItem("/message/solicitd"));
    }

    @Test
    void aLegalObligationFromAContractIsDenied() throws Exception {
        String body = exampleWith("/basis/legalObligation", java.util.Map.of("law", "Reseller agreement cl. 9", "source", "CONTRACT"))
            .replace("\"LEGITIMATE_INTEREST\"", "\"LEGAL_OBLIGATION\"").replace("\"OUTREACH\"", "\"STORAGE\"");
        given().contentType("application/json").body(body).post("/v1/decisions").then()
            .statusCode(200)
            .body("outcome", equalTo("DENY"))
            .body("reasons.rule", hasItem("uk-gdpr.art6.legal-obligation-specific-law"))
            .body("reasons.citation", hasItem(containsString("contractual obligations")));
    }

    @Test
    void theNewRulesAreListed() {
        given().get("/v1/rules").then()
            .statusCode(200)
            .body("rules.id", hasItems("can-spam.no-transfer-after-opt-out", "casl.excluded.foreign-state", "casl.excluded.reply-to-request",
                "casl.excluded.charity-fundraising", "casl.implied.ebr-subscription"))
            .body("rules.id", not(hasItem("casl.excluded")));
    }
}
