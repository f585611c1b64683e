/** What the engine asks of the suppression list (who is blocked, by what), with an in-memory list for fixtures and benchmarks. */
package dev.outreachpolicy.engine.suppression;
