package dev.outreachpolicy.engine.facts;

/** The controller: who decides to process and to contact. Absent facts are {@code null}, never false. */
public final class Controller {
    private final String country;
    private final String subdivision;
    private final Boolean publicAuthority;
    private final Boolean ccpaBusiness;
    private final Boolean charity;

    public Controller(String country, String subdivision, Boolean publicAuthority, Boolean ccpaBusiness, Boolean charity) {
        this.country = country;
        this.subdivision = subdivision;
        this.publicAuthority = publicAuthority;
        this.ccpaBusiness = ccpaBusiness;
        this.charity = charity;
    }

    public static Controller unknown() { return new Controller(null, null, null, null, null); }

    public String getCountry() { return country; }
    public String getSubdivision() { return subdivision; }
    public Boolean getPublicAuthority() { return publicAuthority; }
    public Boolean getCcpaBusiness() { return ccpaBusiness; }
    public Boolean getCharity() { return charity; }

    /** The request states that the controller is a charity (absent is not a yes). */
    public boolean statedCharity() { return Boolean.TRUE.equals(charity); }
}
