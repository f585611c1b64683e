/** Strict JSON input: fields read by type and enumeration, and the problems they raise, each naming its field. */
package dev.outreachpolicy.engine.input;
