/**
 * Resolving a request into the facts the rules judge (location, subscriber, TPS/CTPS, registered assessment or
 * consent, suppression hits), as one value, {@link dev.outreachpolicy.engine.resolution.ResolvedFacts}: what the rules
 * see, what is recorded, and what a replay rebuilds.
 */
package dev.outreachpolicy.engine.resolution;
