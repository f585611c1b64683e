/**
 * The engine: the law as rules, and the one pipeline that applies it ({@link dev.outreachpolicy.engine.Evaluator}:
 * a request read strictly, its facts resolved, the rules run). It knows nothing of HTTP, the store or the container,
 * so the service, the command line, the fixture runner, the impact replay and the benchmarks run it the same way;
 * {@code LayersTest} fails the build if it ever imports the service layer.
 */
package dev.outreachpolicy.engine;
