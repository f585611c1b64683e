/** Registered consent receipts as the engine reads them, withdrawals included. */
package dev.outreachpolicy.engine.consent;
