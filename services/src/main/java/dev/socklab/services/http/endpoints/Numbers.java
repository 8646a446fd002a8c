package dev.socklab.services.http.endpoints;

import dev.socklab.http.HttpException;

/** Numbers in paths and queries ({@code /bytes/1024}, {@code ?duration=1.5}), checked against their caps. */
final class Numbers {
    private Numbers() {
    }

    /** {@code text} as a whole number from {@code min} to {@code max}; else 400 naming {@code what}. */
    static long whole(String what, String text, long min, long max) throws HttpException {
        long n;
        try {
            n = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new HttpException(400, what + " must be a whole number, not " + shown(text));
        }
        if (n < min || n > max) {
            throw new HttpException(400, what + " must be from " + min + " to " + max + ", not " + n);
        }
        return n;
    }

    /** {@code text} as seconds, fractions allowed, from 0 to {@code max}; else 400. */
    static double seconds(String what, String text, double max) throws HttpException {
        double s;
        try {
            s = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new HttpException(400, what + " must be a number of seconds, not " + shown(text));
        }
        if (!(s >= 0 && s <= max)) {
            throw new HttpException(400, what + " must be from 0 to " + max + " seconds, not " + shown(text));
        }
        return s;
    }

    private static String shown(String text) {
        return dev.socklab.trace.Preview.of(text, 20);
    }
}
