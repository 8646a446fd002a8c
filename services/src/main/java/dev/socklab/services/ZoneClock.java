package dev.socklab.services;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The system clock in the time zone asked for ({@code --zone}), one for every service that tells
 * the time (daytime, chat's time stamps, qotd's daily quote, rpc's {@code time} and
 * {@code daytime}), whose zone a reload changes in place: they all read the new zone from their
 * next use.
 */
public final class ZoneClock extends Clock implements Reloadable {
    private volatile ZoneId zone;

    public ZoneClock(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A clock fixed in {@code zone}, as {@link Clock#withZone} asks: this one's zone is changed by a reload alone. */
    @Override
    public Clock withZone(ZoneId other) {
        return Clock.system(other);
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }

    /** Takes the zone of {@code fresh}'s clock. */
    @Override
    public ServiceReload reload(ServiceSettings fresh) {
        ZoneId before = zone;
        ZoneId after = fresh.clock().getZone();
        return new ServiceReload(before.equals(after) ? List.of() : List.of("--zone: " + before + " -> " + after),
                () -> zone = after);
    }
}
