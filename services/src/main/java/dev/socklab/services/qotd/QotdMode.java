package dev.socklab.services.qotd;

/** How the quote of the day service picks the quote it tells. */
public enum QotdMode {
    /** A quote drawn at random for each connection or datagram. */
    RANDOM,
    /** The same quote all day, in the zone of the service's clock; the next quote the next day. */
    DAILY
}
