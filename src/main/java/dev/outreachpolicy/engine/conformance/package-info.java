/** The fixtures that prove the rules say what the law says: loading them, running them through the engine, coverage and the JUnit report. */
package dev.outreachpolicy.engine.conformance;
