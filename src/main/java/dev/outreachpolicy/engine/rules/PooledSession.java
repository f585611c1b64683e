package dev.outreachpolicy.engine.rules;

import org.kie.api.runtime.KieSession;

/** A stateful session kept between evaluations, with its own {@link Findings} (the global {@code decision}). */
record PooledSession(KieSession session, Findings findings) { }
