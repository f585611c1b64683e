/** Registered legitimate-interest assessments as the engine reads them: drafts, versions in force on a date. */
package dev.outreachpolicy.engine.assessment;
