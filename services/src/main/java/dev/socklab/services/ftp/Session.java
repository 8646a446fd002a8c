package dev.socklab.services.ftp;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.socklab.service.Connection;
import dev.socklab.services.storage.FileRoot;
import dev.socklab.services.storage.StorageException;
import dev.socklab.services.storage.StoragePath;

/**
 * What one control connection has said so far: who logged in, the working directory, the transfer
 * type, a restart offset, a rename's source, the data connection prepared and its protection. Each
 * command changes it and answers through {@link #reply}; a command that ends the session says so with
 * {@link #end()}.
 */
final class Session {
    private final Connection control;
    private final FtpSettings settings;
    private final Replies replies;
    private final DataChannel data = new DataChannel();
    private Optional<String> user = Optional.empty();
    private Optional<FtpAccount> account = Optional.empty();
    private int failedLogins;
    private StoragePath cwd = StoragePath.ROOT;
    private boolean binary;
    private long restart;
    private Optional<StoragePath> renameFrom = Optional.empty();
    private boolean secure;
    private boolean privateData;
    private boolean epsvOnly;
    private Facts facts = Facts.ALL;
    private boolean ended;
    /** A command that came while a transfer ran, to answer after it; null for none. */
    private String held;
    /** The service's count of transfers in progress, over all sessions. */
    private final AtomicInteger transfers;

    Session(Connection control, FtpSettings settings, AtomicInteger transfers) {
        this.control = control;
        this.transfers = transfers;
        this.settings = settings;
        this.replies = new Replies(control);
        this.secure = control.tls().isPresent();
    }

    Connection control() {
        return control;
    }

    /** The transfers in progress in every session of the service, this one's included. */
    AtomicInteger transfers() {
        return transfers;
    }

    FtpSettings settings() {
        return settings;
    }

    FileRoot root() {
        return settings.root();
    }

    Replies reply() {
        return replies;
    }

    DataChannel data() {
        return data;
    }

    /** The user name USER gave, waiting for PASS. */
    Optional<String> user() {
        return user;
    }

    void user(Optional<String> name) {
        user = name;
    }

    Optional<FtpAccount> account() {
        return account;
    }

    void loggedIn(FtpAccount who) {
        account = Optional.of(who);
        user = Optional.empty();
    }

    /** Forgets the login, as AUTH does (RFC 4217 section 4: the security state starts afresh). */
    void loggedOut() {
        account = Optional.empty();
        user = Optional.empty();
    }

    /** Counts a failed login: how many so far. */
    int failedLogin() {
        return ++failedLogins;
    }

    boolean mayWrite() {
        return account.map(FtpAccount::mayWrite).orElse(false);
    }

    StoragePath cwd() {
        return cwd;
    }

    void cwd(StoragePath dir) {
        cwd = dir;
    }

    /** {@code path} resolved against the working directory, inside the root or refused. */
    StoragePath resolve(String path) throws StorageException {
        return root().resolve(cwd, path);
    }

    boolean binary() {
        return binary;
    }

    void binary(boolean on) {
        binary = on;
    }

    /** The offset REST gave, taken once: the next transfer starts there, the ones after it at 0. */
    long takeRestart() {
        long offset = restart;
        restart = 0;
        return offset;
    }

    void restart(long offset) {
        restart = offset;
    }

    /** The path RNFR named, taken once. */
    Optional<StoragePath> takeRenameFrom() {
        Optional<StoragePath> from = renameFrom;
        renameFrom = Optional.empty();
        return from;
    }

    void renameFrom(StoragePath from) {
        renameFrom = Optional.of(from);
    }

    /** Whether the control connection is TLS, from AUTH TLS or a /tls endpoint. */
    boolean secure() {
        return secure;
    }

    void secured() {
        secure = true;
    }

    /** Whether data connections are TLS too (PROT P). */
    boolean privateData() {
        return privateData;
    }

    void privateData(boolean on) {
        privateData = on;
    }

    /** Whether EPSV ALL was sent: only EPSV may prepare a data connection from then on (RFC 2428 section 4). */
    boolean epsvOnly() {
        return epsvOnly;
    }

    void epsvOnly(boolean on) {
        epsvOnly = on;
    }

    /** The facts MLSD and MLST show (OPTS MLST). */
    Facts facts() {
        return facts;
    }

    void facts(Facts shown) {
        facts = shown;
    }

    /** Keeps {@code line}, which came during a transfer, to be answered once the transfer's reply is out. */
    void hold(String line) {
        held = line;
    }

    /** The command held during a transfer, taken once. */
    Optional<String> takeHeld() {
        Optional<String> line = Optional.ofNullable(held);
        held = null;
        return line;
    }

    boolean ended() {
        return ended;
    }

    /** Ends the session once the current command's reply is out: the service returns, the runtime closes. */
    void end() {
        ended = true;
    }

    /** Answers a refused path or upload with the reply its kind takes, and the storage's own sentence. */
    void refuse(StorageException e) throws IOException {
        replies.send(switch (e.kind()) {
            case QUOTA -> 552;
            case DISK_FULL -> 452;
            case BAD_NAME -> 553;
            case NOT_FOUND, DENIED, EXISTS -> 550;
        }, e.getMessage());
    }
}
