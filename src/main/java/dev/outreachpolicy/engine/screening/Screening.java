package dev.outreachpolicy.engine.screening;

import java.time.LocalDate;

/** The result of screening a number against an imported register: its status and the register's date. */
public record Screening(String register, String status, LocalDate checkedAt) { }
