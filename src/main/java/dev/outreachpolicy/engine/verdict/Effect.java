package dev.outreachpolicy.engine.verdict;

/** What one reason says about the step. */
public enum Effect { DENY, REVIEW, PERMIT, INFO }
