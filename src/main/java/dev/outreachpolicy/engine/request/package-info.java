/** Reading a decision request strictly, as the contract says: every offending field named by its JSON pointer. */
package dev.outreachpolicy.engine.request;
