package dev.outreachpolicy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** POLICY_API_KEYS is checked at start: a key under two roles, a bad pair or an unknown role stops it. */
class ApiKeysTest {
    @Test
    void aKeyUnderTwoRolesIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ApiKeys(Optional.of("agent:k1, admin:k1")));
        assertTrue(e.getMessage().contains("two roles"));
        assertTrue(!e.getMessage().contains("k1"), "the key itself is never printed");
    }

    @Test
    void badPairsAndUnknownRolesAreRefused() {
        assertThrows(IllegalStateException.class, () -> new ApiKeys(Optional.of("agent")));
        assertThrows(IllegalStateException.class, () -> new ApiKeys(Optional.of("root:k")));
    }

    @Test
    void keysResolveToTheirRoles() {
        ApiKeys keys = new ApiKeys(Optional.of("agent:a1, legal:l1, agent:a2"));
        assertEquals(Optional.of(Role.AGENT), keys.lookup("a2"));
        assertEquals(Optional.of(Role.LEGAL), keys.lookup("l1"));
        assertEquals(Optional.empty(), keys.lookup("x"));
        assertTrue(!new ApiKeys(Optional.empty()).configured());
    }
}
