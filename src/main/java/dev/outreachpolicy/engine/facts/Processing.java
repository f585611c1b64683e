package dev.outreachpolicy.engine.facts;

/** The processing step the agent is about to take, and for outreach the channel it will use. */
public final class Processing {
    private final String step;
    private final String channel;
    private final String purpose;
    private final String campaign;

    public Processing(String step, String channel, String purpose, String campaign) {
        this.step = step;
        this.channel = channel;
        this.purpose = purpose;
        this.campaign = campaign;
    }

    public String getStep() { return step; }
    public String getChannel() { return channel; }
    public String getPurpose() { return purpose; }
    public String getCampaign() { return campaign; }

    public boolean isOutreach() { return "OUTREACH".equals(step); }

    /** Outreach by e-mail, SMS or a LinkedIn message: "electronic mail" for PECR and CASL [C]. */
    public boolean isElectronicMail() {
        return isOutreach() && ("EMAIL".equals(channel) || "SMS".equals(channel) || "LINKEDIN".equals(channel));
    }

    /** Outreach by live or automated call. */
    public boolean isCall() {
        return isOutreach() && ("PHONE".equals(channel) || "AUTOMATED_CALL".equals(channel));
    }
}
