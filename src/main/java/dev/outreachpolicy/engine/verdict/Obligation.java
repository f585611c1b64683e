package dev.outreachpolicy.engine.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/** What must be done: a stable code of rulebook §0, its regime and provision, and a deadline or expiry where there is one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Obligation(String code, String regime, String citation, String message, LocalDate dueAt) { }
