package dev.socklab.services.ftp;

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

    /** These accounts, and anonymous read-only access with any password under {@link #ANONYMOUS_NAMES}. */
    default Accounts withAnonymous() {
        return (user, password) -> ANONYMOUS_NAMES.contains(user)
                ? Optional.of(new FtpAccount(user, false))
                : authenticate(user, password);
    }
}
