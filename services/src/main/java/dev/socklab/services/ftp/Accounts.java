package dev.socklab.services.ftp;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** Who may log in: a users file ({@code --ftp-users}), anonymous access ({@code --ftp-anonymous}), both or neither. */
@FunctionalInterface
public interface Accounts {
    /** Nobody: every login fails. */
    Accounts NONE = (user, password) -> Optional.empty();

    /** The user names anonymous access takes, as vsftpd and every FTP client know them. */
    Set<String> ANONYMOUS_NAMES = java.util.Set.of("anonymous", "ftp");

    /**
     * The account {@code user} logs in to with {@code password}, or empty if the pair is wrong. Must
     * take as long for an unknown user as for a wrong password, so that names cannot be probed.
     */
    Optional<FtpAccount> authenticate(String user, char[] password);

    /**
     * The users file these accounts were read from, if any: a reload reads it again whether it changed or
     * not, and says so, as its accounts cannot be compared with those before.
     */
    default Optional<Path> usersFile() {
        return Optional.empty();
    }

    /** {@code accounts}, read from the users file {@code file}. */
    static Accounts readFrom(Path file, Accounts accounts) {
        return new Accounts() {
            @Override
            public Optional<FtpAccount> authenticate(String user, char[] password) {
                return accounts.authenticate(user, password);
            }

            @Override
            public Optional<Path> usersFile() {
                return Optional.of(file);
            }
        };
    }

    /** These accounts, and anonymous read-only access with any password under {@link #ANONYMOUS_NAMES}. */
    default Accounts withAnonymous() {
        Accounts named = this;
        return new Accounts() {
            @Override
            public Optional<FtpAccount> authenticate(String user, char[] password) {
                return ANONYMOUS_NAMES.contains(user) ? Optional.of(new FtpAccount(user, false))
                        : named.authenticate(user, password);
            }

            @Override
            public Optional<Path> usersFile() {
                return named.usersFile();
            }
        };
    }
}
