/** The facts the rules read: the request's parts, the resolved ones, and those the rules insert (InScope, Exclusion, ConsentGround). */
package dev.outreachpolicy.engine.facts;
