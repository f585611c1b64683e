package dev.outreachpolicy.engine.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

/** Phone numbers are accepted when possible for their calling code, and normalise to one E.164 form. */
class PhoneNumbersProperties {
    @Test
    void fictionalUkMobileRangeIsAcceptedAsGb() {
        qt().forAll(integers().between(0, 999)).checkAssert(last -> {
            String national = String.format("07700 900%03d", last);
            PhoneNumber n = PhoneNumbers.parse(national, "GB").orElseThrow();
            assertEquals(String.format("+447700900%03d", last), n.e164());
            assertEquals("GB", n.region());
            assertEquals(44, n.callingCode());
        });
    }

    @Test
    void nationalAndInternationalFormsMeetInE164() {
        qt().forAll(integers().between(0, 9999)).checkAssert(last -> {
            String e164 = String.format("+4420794%04d", last);
            assertEquals(e164, PhoneNumbers.parse(String.format("020 794%01d %03d", last / 1000, last % 1000), "GB").orElseThrow().e164());
            assertEquals(e164, PhoneNumbers.parse(e164, null).orElseThrow().e164());
            assertEquals(e164, PhoneNumbers.parse(e164, "US").orElseThrow().e164(), "an E.164 number ignores the default region");
        });
    }

    @Test
    void tooShortNumbersAreRefused() {
        qt().forAll(integers().between(0, 999)).checkAssert(digits -> assertTrue(PhoneNumbers.parse("+44 " + digits, null).isEmpty()));
    }
}
