/** What the engine asks of the TPS and CTPS registers, with an in-memory register for fixtures. */
package dev.outreachpolicy.engine.screening;
