package dev.outreachpolicy.engine.facts;

import java.util.Objects;

/**
 * The one fact every request has: the step and channel ({@code processing}), who sends ({@code controller}), to whom
 * ({@code prospect}), on what basis ({@code basis}), what data ({@code data}), what message ({@code message}) and the
 * instant judged at ({@code asOf}). A rule tests them in one pattern, for example
 * {@code Request( processing.electronicMail, prospect.individualSubscriber, message.commercial != false )}, instead
 * of joining seven facts: each join costs the engine work on every evaluation (bench/RESULTS.md, issue 9).
 *
 * <p>The parts a request may lack (a consent, an assessment, a contract, a legal obligation, a public task, vital
 * interests, automation) stay facts of their own, so that {@code not Consent( ... )} still reads as "there is no
 * such consent"; so do the entries of the suppression list and the facts the rules insert ({@link InScope},
 * {@link Exclusion}, {@link ConsentGround}).
 */
public final class Request {
    private final AsOf asOf;
    private final Processing processing;
    private final Controller controller;
    private final Prospect prospect;
    private final Basis basis;
    private final Data data;
    private final Message message;

    public Request(AsOf asOf, Processing processing, Controller controller, Prospect prospect, Basis basis, Data data,
            Message message) {
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.processing = Objects.requireNonNull(processing, "processing");
        this.controller = Objects.requireNonNull(controller, "controller");
        this.prospect = Objects.requireNonNull(prospect, "prospect");
        this.basis = Objects.requireNonNull(basis, "basis");
        this.data = Objects.requireNonNull(data, "data");
        this.message = Objects.requireNonNull(message, "message");
    }

    public AsOf getAsOf() { return asOf; }
    public Processing getProcessing() { return processing; }
    public Controller getController() { return controller; }
    public Prospect getProspect() { return prospect; }
    public Basis getBasis() { return basis; }
    public Data getData() { return data; }
    public Message getMessage() { return message; }

    /** The step the agent is about to take ({@code processing.step}). */
    public String getStep() { return processing.getStep(); }

    /** The channel of an outreach step ({@code processing.channel}); null for other steps. */
    public String getChannel() { return processing.getChannel(); }

    @Override
    public String toString() { return "Request[" + processing.getStep() + " " + processing.getChannel() + " at " + asOf + "]"; }
}
