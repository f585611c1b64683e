package dev.outreachpolicy.engine.contact;

/** A phone number in E.164, with the region its calling code belongs to and the code itself. */
public record PhoneNumber(String e164, String region, int callingCode) {

    /** The calling code only: {@code +44 ***}. */
    public String masked() { return "+" + callingCode + " ***"; }
}
