package dev.outreachpolicy.decision;

/** What one reason says about the step. */
public enum Effect { DENY, REVIEW, PERMIT, INFO }
