package dev.outreachpolicy.engine.screening;

import java.util.Optional;

/** The imported TPS and CTPS registers: screens a number against the newest import of one register. */
public interface CallRegisters {

    /**
     * @param register {@code TPS} or {@code CTPS}
     * @param e164 the number in E.164
     * @return the screening, or empty when no file of that register was imported
     */
    Optional<Screening> screen(String register, String e164);

    CallRegisters NONE = (register, e164) -> Optional.empty();
}
