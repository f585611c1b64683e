package dev.outreachpolicy.engine.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every spelling of one address or domain comes to one canonical form; what is not an address is refused. */
class CanonicalEmailTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "dot1@norm-test.example.|dot1@norm-test.example",
        "  Dot1@NORM-TEST.example  |dot1@norm-test.example",
        "user@пример.com|user@xn--e1afmkfd.com",
        "user@ПРИМЕР.COM.|user@xn--e1afmkfd.com",
        "user@xn--e1afmkfd.com|user@xn--e1afmkfd.com",
        "ｊａｎｅ＠ａｃｍｅ．ｃｏｍ|jane@acme.com",
        "jane@acme。com|jane@acme.com",
        "Jane.Doe+news@Acme.co.uk|jane.doe+news@acme.co.uk",
    })
    void spellingsOfOneAddressMeet(String raw, String canonical) {
        assertEquals(Optional.of(canonical), CanonicalEmail.address(raw));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "acme.com.|acme.com", "@ACME.com|acme.com", "пример.com|xn--e1afmkfd.com", "ａｃｍｅ．ｃｏｍ|acme.com",
    })
    void spellingsOfOneDomainMeet(String raw, String canonical) {
        assertEquals(Optional.of(canonical), CanonicalEmail.domain(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "@", "a@", "@b.com", "a@b", "a@b..com", "a b@c.com", "a@-b.com", "a@b_c.com", "a\u0000@b.com",
        "a@b.com\u0000", "\uD800x@b.com", "a@b\uDC00.com", "a@@b.com"})
    void notAnAddress(String raw) {
        assertTrue(CanonicalEmail.address(raw).isEmpty(), raw);
    }
}
