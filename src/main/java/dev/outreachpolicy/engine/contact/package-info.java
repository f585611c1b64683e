/** E-mail addresses and phone numbers: normalised, canonical for matching, and masked for the record. */
package dev.outreachpolicy.engine.contact;
