package dev.socklab.services.storage;

/**
 * How much a client may store: each upload, and all the uploads of one source (an IPv4 address, or
 * an IPv6 /64) together over the server's life.
 *
 * @param maxUploadBytes the largest file one upload may store
 * @param maxBytesPerSource the most bytes one source may store in all
 */
public record UploadLimits(long maxUploadBytes, long maxBytesPerSource) {
    /** 1 GiB an upload, 4 GiB a source. */
    public static final UploadLimits DEFAULTS = new UploadLimits(1L << 30, 4L << 30);
}
