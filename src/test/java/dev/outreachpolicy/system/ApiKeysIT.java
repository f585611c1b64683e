package dev.outreachpolicy.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POLICY_API_KEYS is read in one place (ApiKeys) for the API's roles, the legal page's sign-in, the Host check and the
 * readiness report. In production mode (the packaged service, prod profile) with keys set, each asks the same parser
 * and answers as before; a value that lists no key is the loopback mode for all of them alike.
 */
class ApiKeysIT {
    private static final String KEYS = "agent:it-agent-key, legal:it-legal-key,admin:it-admin-key";

    @TempDir
    Path dir;

    @Test
    void withKeysSetEveryGuardAnswersFromTheSameKeys() throws Exception {
        try (ServiceProcess s = ServiceProcess.start(dir.resolve("keys"), Map.of("POLICY_API_KEYS", KEYS,
                "POLICY_DATA_DIR", dir.resolve("data").toString()))) {
            HttpResponse<String> none = s.get("/v1/rules");
            assertEquals(401, none.statusCode(), none.body());
            assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
            assertEquals(401, s.send("GET", "/v1/rules", null, "Authorization", "Bearer not-a-key").statusCode());
            HttpResponse<String> agent = s.send("GET", "/v1/rules", null, "Authorization", "Bearer it-agent-key");
            assertEquals(403, agent.statusCode(), agent.body());
            assertTrue(agent.body().contains("needs the legal role; the key has the agent role"), agent.body());
            assertEquals(200, s.send("GET", "/v1/rules", null, "Authorization", "Bearer it-legal-key").statusCode());
            assertEquals(200, s.send("GET", "/v1/records/verify", null, "Authorization", "Bearer it-admin-key").statusCode());
            assertEquals(403, s.send("GET", "/v1/records/verify", null, "Authorization", "Bearer it-legal-key").statusCode());
            // the metrics guard and the MCP endpoint ask the same keys
            assertEquals(401, s.get("/q/metrics").statusCode());
            assertEquals(200, s.send("GET", "/q/metrics", null, "Authorization", "Bearer it-agent-key").statusCode());
            // the legal page's sign-in: a legal key opens a session, an agent key does not
            String form = "application/x-www-form-urlencoded";
            HttpResponse<String> legal = s.send("POST", "/legal/sign-in", "key=it-legal-key&name=Ada+Lovelace", "Content-Type", form);
            assertEquals(303, legal.statusCode(), legal.body());
            assertTrue(legal.headers().firstValue("Set-Cookie").isPresent(), "a session cookie");
            HttpResponse<String> agentSignIn = s.send("POST", "/legal/sign-in", "key=it-agent-key&name=Bot", "Content-Type", form);
            assertEquals(401, agentSignIn.statusCode());
            assertTrue(agentSignIn.body().contains("agent key"), agentSignIn.body());
            String ready = s.get("/q/health/ready").body();
            assertTrue(ready.replace(" ", "").contains("\"access\":\"api-keys\""), ready);
            assertTrue(s.log().contains("Access mode: API keys (1 agent, 1 legal, 1 admin)"), "the start-up log names the mode");
            assertTrue(!s.log().contains("it-legal-key") && !s.log().contains("it-agent-key"), "no key is ever logged");
        }
    }

    @Test
    void aValueThatListsNoKeyIsTheLoopbackModeForEveryGuard() throws Exception {
        try (ServiceProcess s = ServiceProcess.start(dir.resolve("blank"), Map.of("POLICY_API_KEYS", " , ",
                "POLICY_DATA_DIR", dir.resolve("data-blank").toString()))) {
            assertEquals(200, s.get("/v1/rules").statusCode(), "a loopback caller needs no key");
            String rebinding = rawGet(s.port(), "/v1/rules", "evil.example");
            assertTrue(rebinding.startsWith("HTTP/1.1 403"), "the Host check of the loopback mode applies: " + rebinding);
            String ready = s.get("/q/health/ready").body();
            assertTrue(ready.contains("loopback-only"), ready);
        }
    }

    /** A GET with the given Host header (the JDK's client will not send another host than the one it connects to). */
    private static String rawGet(int port, String path, String host) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
