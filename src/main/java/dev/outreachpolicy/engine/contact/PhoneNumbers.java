package dev.outreachpolicy.engine.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Optional;

/**
 * Phone numbers parsed with libphonenumber. A number is accepted when it is <em>possible</em> for its calling
 * code (the right length), so fictional and unallocated ranges such as +44 7700 900xxx are accepted; it is
 * never rejected for failing {@code isValidNumber}. Its country comes from the calling code.
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() { }

    /**
     * @param raw E.164 ({@code +442079460000}) or a national number
     * @param defaultRegion the country to read a national number in (ISO 3166-1 alpha-2), or null
     */
    public static Optional<PhoneNumber> parse(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber n = UTIL.parse(raw.trim(), defaultRegion == null ? "ZZ" : defaultRegion);
            if (!UTIL.isPossibleNumber(n)) {
                return Optional.empty();
            }
            String region = UTIL.getRegionCodeForNumber(n);
            if (region == null || region.equals("ZZ")) {
                region = UTIL.getRegionCodeForCountryCode(n.getCountryCode());
            }
            if ("001".equals(region) || "ZZ".equals(region)) {
                region = null;
            }
            return Optional.of(new PhoneNumber(UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164), region, n.getCountryCode()));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
