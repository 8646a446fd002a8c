package dev.socklab.services.ftpusers;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt hashes as {@code htpasswd -B} writes them ({@code $2y$}; {@code $2a$} and {@code $2b$} are
 * read too), through Bouncy Castle's {@link OpenBSDBCrypt}. New hashes cost 10 (2^10 rounds): about
 * 0.1 s of one core, which OWASP names as the least to use, while cost 12 (four times that) would let
 * a burst of FTP logins, each checked on the server's own cores, keep them busy for seconds.
 */
final class Bcrypt {
    /** The cost of every hash {@code socklab ftp-passwd} writes. */
    static final int COST = 10;
    /** bcrypt reads only this many bytes of a password and ignores the rest. */
    static final int MAX_PASSWORD_BYTES = 72;

    private static final Pattern HASH = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");
    private static final int SALT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Bcrypt() {
    }

    /** Whether {@code text} is a bcrypt hash this class can check. */
    static boolean isHash(String text) {
        return HASH.matcher(text).matches();
    }

    /** The cost written in {@code hash}, one that {@link #isHash} accepted. */
    static int costOf(String hash) {
        return Integer.parseInt(hash.substring(4, 6));
    }

    /** A new {@code $2y$} hash of {@code password} at {@code cost}, with a fresh random salt. */
    static String hash(char[] password, int cost) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2y", password, salt, cost);
    }

    /** Whether {@code password} matches {@code hash}, one that {@link #isHash} accepted; in constant time for the hash's cost. */
    static boolean matches(String hash, char[] password) {
        return OpenBSDBCrypt.checkPassword(hash, password);
    }

    /** How many bytes bcrypt would read of {@code password}: its UTF-8 length. */
    static int lengthOf(char[] password) {
        return StandardCharsets.UTF_8.encode(CharBuffer.wrap(password)).remaining();
    }
}
