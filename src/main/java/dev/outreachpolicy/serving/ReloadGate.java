package dev.outreachpolicy.serving;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One reload asked over HTTP at a time: twenty concurrent reload requests each compiled the whole folder in turn and
 * held the CPU for minutes. A request that finds a reload running is told so (409) instead of queueing another.
 */
@ApplicationScoped
public class ReloadGate {
    private final AtomicBoolean running = new AtomicBoolean();

    /** True when the caller may reload now; it must then call {@link #leave()}. */
    public boolean tryEnter() { return running.compareAndSet(false, true); }

    public void leave() { running.set(false); }
}
