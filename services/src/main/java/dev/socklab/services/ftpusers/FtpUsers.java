package dev.socklab.services.ftpusers;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.socklab.runtime.SettingException;
import dev.socklab.text.IoFailure;

/**
 * The FTP service's accounts, read from a users file in the manner of {@code htpasswd}: one
 * {@code NAME:HASH} or {@code NAME:HASH:read-only} a line, the hash bcrypt ({@code $2y$}, so
 * {@code htpasswd -B} files work as they are), {@code #} beginning a comment. A name that is not in
 * the file is checked against a dummy hash of the file's usual cost, so how long a wrong login takes
 * does not tell whether the name exists. {@link #set} adds or changes one account in such a file,
 * as {@code socklab ftp-passwd} does.
 */
public final class FtpUsers {
    private final Map<String, UserLine> accounts;
    private final String dummyHash;

    private FtpUsers(Map<String, UserLine> accounts, String dummyHash) {
        this.accounts = accounts;
        this.dummyHash = dummyHash;
    }

    /** An account that logged in: its name, and whether it may only read. */
    public record Account(String name, boolean readOnly) {
    }

    /** What {@link #set} did to the file. */
    public enum Change {
        /** The account was not there and was appended. */
        ADDED,
        /** The account's line was replaced where it was. */
        CHANGED
    }

    /**
     * Reads the users file {@code file}.
     *
     * @throws SettingException naming the file and the line that is wrong, or why the file cannot be read
     */
    public static FtpUsers load(Path file) {
        List<String> lines = read(file);
        Map<String, UserLine> accounts = new HashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Optional<UserLine> account = parse(file, lines.get(i), i + 1);
            if (account.isPresent()) {
                String name = account.get().name();
                if (lineOf.putIfAbsent(name, i + 1) != null) {
                    throw new SettingException("the FTP users file " + file + " names " + name + " on line " + lineOf.get(name)
                            + " and again on line " + (i + 1) + ": keep one of them");
                }
                accounts.put(name, account.get());
            }
        }
        return new FtpUsers(Map.copyOf(accounts), Bcrypt.hash(new char[0], usualCost(accounts.values())));
    }

    /** The account {@code user} logs in as with {@code password}, or none: an unknown name takes as long as a known one. */
    public Optional<Account> authenticate(String user, char[] password) {
        UserLine account = user == null ? null : accounts.get(user);
        boolean matches = Bcrypt.matches(account == null ? dummyHash : account.hash(), password);
        return account != null && matches ? Optional.of(new Account(account.name(), account.readOnly())) : Optional.empty();
    }

    /**
     * Adds {@code user} to the users file {@code file}, or changes its password and whether it is
     * read-only, keeping every other line and comment as it was. The file is written whole to a
     * temporary file beside it and renamed over it; a new file is readable by its owner only (0600),
     * a replaced one keeps its permissions.
     *
     * @throws SettingException for a name that cannot be an account, an empty password, one longer
     *     than the 72 bytes bcrypt reads, or a file whose other lines are wrong
     * @throws IOException if the file cannot be read or written
     */
    public static Change set(Path file, String user, char[] password, boolean readOnly) throws IOException {
        if (!UserLine.isName(user)) {
            throw new SettingException("the name " + user + " cannot name an FTP account: use a name without a colon,"
                    + " spaces or control characters that does not begin with '#'");
        }
        if (password.length == 0) {
            throw new SettingException("the password is empty: give " + user + " one");
        }
        if (Bcrypt.lengthOf(password) > Bcrypt.MAX_PASSWORD_BYTES) {
            throw new SettingException("the password is longer than the " + Bcrypt.MAX_PASSWORD_BYTES
                    + " bytes bcrypt reads (it would ignore the rest): choose a shorter one");
        }
        return UsersFileUpdate.apply(file, new UserLine(user, Bcrypt.hash(password, Bcrypt.COST), readOnly));
    }

    /** The account on {@code line}, numbered {@code number} in {@code file}, or none for a comment. */
    static Optional<UserLine> parse(Path file, String line, int number) {
        try {
            return UserLine.parse(line);
        } catch (IllegalArgumentException e) {
            throw new SettingException("line " + number + " of the FTP users file " + file + " is wrong (" + e.getMessage()
                    + "): write NAME:HASH or NAME:HASH:read-only, as socklab ftp-passwd does");
        }
    }

    /** The lines of {@code file}, as UTF-8. */
    static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new SettingException("the FTP users file " + file + " is not UTF-8 text: write it with socklab ftp-passwd", e);
        } catch (IOException e) {
            throw new SettingException("the FTP users file " + file + " cannot be read (" + IoFailure.reason(e)
                    + "): make one with socklab ftp-passwd", e);
        }
    }

    /** The cost most of the file's hashes have, so that the dummy hash takes as long to check as they do. */
    private static int usualCost(Iterable<UserLine> accounts) {
        Map<Integer, Long> counts = new HashMap<>();
        accounts.forEach(a -> counts.merge(Bcrypt.costOf(a.hash()), 1L, Long::sum));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(Bcrypt.COST);
    }
}
