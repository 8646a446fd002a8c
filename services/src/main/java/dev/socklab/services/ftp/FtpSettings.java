package dev.socklab.services.ftp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

import dev.socklab.net.PortRange;
import dev.socklab.services.storage.FileRoot;

/**
 * The ftp service's settings, each a {@code socklab serve} option.
 *
 * @param root the files served and stored ({@code --ftp-root}, with {@code --ftp-max-upload} and
 *     {@code --ftp-quota-per-source} as its upload limits)
 * @param accounts who may log in ({@code --ftp-users}, {@code --ftp-anonymous})
 * @param passivePorts the ports a passive data connection listens on ({@code --ftp-pasv-ports})
 * @param passiveAddress the IPv4 address PASV tells clients to connect to, for a server behind NAT
 *     ({@code --ftp-pasv-address}); empty: the control connection's own
 * @param active whether PORT and EPRT are served, to the client's own host alone ({@code --ftp-active})
 * @param dataWait how long a client has to open (or accept) a data connection before 425
 * @param failedLoginDelay how long the server waits before it closes a connection after its third failed login
 * @param idleTimeout how long the control connection may stay quiet between commands, unless
 *     {@code --idle-timeout ftp=...} says otherwise
 */
public record FtpSettings(FileRoot root, Accounts accounts, PortRange passivePorts, Optional<InetAddress> passiveAddress,
                          boolean active, Duration dataWait, Duration failedLoginDelay, Duration idleTimeout) {
    /** Failed logins a connection may make; the last is answered with 421 and a close, after {@link #failedLoginDelay}. */
    public static final int MAX_FAILED_LOGINS = 3;
    /** What a data connection waits for by default: as vsftpd's accept_timeout, 60 s, halved. */
    public static final Duration DATA_WAIT = Duration.ofSeconds(30);
    /** vsftpd's idle_session_timeout: 5 minutes. */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
    /** The pause before the close that follows the last failed login. */
    public static final Duration FAILED_LOGIN_DELAY = Duration.ofSeconds(3);

    /** Settings with {@code root} and {@code accounts}, passive mode on any port, and the defaults above. */
    public static FtpSettings of(FileRoot root, Accounts accounts) {
        return new FtpSettings(root, accounts, PortRange.ANY, Optional.empty(), false, DATA_WAIT, FAILED_LOGIN_DELAY,
                IDLE_TIMEOUT);
    }

    /** These settings with PORT and EPRT served. */
    public FtpSettings withActive() {
        return new FtpSettings(root, accounts, passivePorts, passiveAddress, true, dataWait, failedLoginDelay, idleTimeout);
    }

    /** These settings with another wait for data connections. */
    public FtpSettings withDataWait(Duration wait) {
        return new FtpSettings(root, accounts, passivePorts, passiveAddress, active, wait, failedLoginDelay, idleTimeout);
    }

    /** These settings with another delay after the last failed login. */
    public FtpSettings withFailedLoginDelay(Duration delay) {
        return new FtpSettings(root, accounts, passivePorts, passiveAddress, active, dataWait, delay, idleTimeout);
    }
}
