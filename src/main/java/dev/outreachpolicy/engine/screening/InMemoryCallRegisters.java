package dev.outreachpolicy.engine.screening;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** TPS/CTPS registers held in memory, for fixtures run without a database: the newest import of each register wins. */
public final class InMemoryCallRegisters implements CallRegisters {
    private record Import(LocalDate date, Set<String> numbers) { }

    private final Map<String, Import> newest = new HashMap<>();

    public void load(String register, LocalDate date, Set<String> e164Numbers) {
        Import current = newest.get(register);
        if (current == null || !date.isBefore(current.date())) {
            newest.put(register, new Import(date, Set.copyOf(e164Numbers)));
        }
    }

    @Override
    public Optional<Screening> screen(String register, String e164) {
        Import i = newest.get(register);
        if (i == null) {
            return Optional.empty();
        }
        return Optional.of(new Screening(register, i.numbers().contains(e164) ? "REGISTERED" : "NOT_REGISTERED", i.date()));
    }
}
