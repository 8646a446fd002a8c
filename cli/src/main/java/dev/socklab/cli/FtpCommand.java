package dev.socklab.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.socklab.client.CertificateRefusedException;
import dev.socklab.client.ClientTls;
import dev.socklab.client.FtpClient;
import dev.socklab.client.FtpUrl;

/** {@code socklab ftp get|put|ls}: one FTP transfer or listing, passive or active mode, with resume and TLS. */
@Command(name = "ftp", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = {"Downloads, uploads or lists over FTP, in passive mode (EPSV, or PASV), or active mode"
                + " (--active: PORT, or EPRT over IPv6).",
                "The URL is ftp://[USER[:PASSWORD]@]HOST[:PORT]/PATH, port 21 unless given; without a user the"
                + " login is anonymous, as curl's. A user without a password reads it from standard input"
                + " (--password-stdin) or asks for it on the terminal. ftps:// is implicit TLS, port 990 unless"
                + " given: TLS from the first byte, trusting as --tls does (--ca, --insecure).",
                "get saves the file under its own name here, or as -o; put FILE URL sends FILE as the URL's path"
                + " (a path ending in / gets FILE's name). --continue resumes either way: get from the local"
                + " file's end (REST), put from the server's (SIZE, then APPE).",
                "A progress bar is drawn on standard error when it is a terminal; a summary line otherwise."},
        footer = {"", "Exit code 6 when the server refuses: no such file, no permission,",
                "a wrong password.",
                "", "Examples:",
                "  socklab ftp ls ftp://localhost:10021/",
                "  socklab ftp get ftp://localhost:10021/big.iso --continue --sha256",
                "  socklab ftp put notes.txt ftp://ada@localhost:10021/ --password-stdin",
                "  socklab ftp get ftp://localhost:10021/a.txt -o - --tls --ca cert.pem",
                "  socklab ftp ls ftps://localhost:10990/ --ca cert.pem --active"})
final class FtpCommand implements Callable<Integer> {
    /** What an anonymous login gives as its password: by custom, an address; curl gives ftp@example.com. */
    private static final String ANONYMOUS_PASSWORD = "socklab@";
    /** The JDK's switch for offering TLS 1.2 session tickets (RFC 5077) as a client; on by default. */
    private static final String TLS12_SESSION_TICKETS = "jdk.tls.client.enableSessionTicketExtension";

    @Parameters(arity = "2..3", paramLabel = "get URL | put FILE URL | ls URL", hideParamSyntax = true,
            description = {"What to do, and the URL: get URL, put FILE URL, or ls URL (a directory)."})
    List<String> words = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Mixin
    TransferOptions options;

    @Mixin
    TlsOptions tls;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "With get: save as FILE, or - for standard output (default: the file's own name, here).")
    String output;

    @Option(names = {"-c", "--continue"},
            description = "Resume: get from the end of the local file (REST), put from the end of the server's"
                    + " (SIZE, then APPE).")
    boolean resume;

    @Option(names = "--sha256", description = "Print the SHA-256 of the whole file sent or received, as sha256sum"
            + " does.")
    boolean sha256;

    @Option(names = "--password-stdin", description = "Read the URL's user's password from the first line of"
            + " standard input.")
    boolean passwordStdin;

    @Option(names = "--active", description = "Active mode: for each transfer the server connects to a port this"
            + " client listens on, at the control connection's own address (PORT, or EPRT over IPv6); for a server"
            + " that serves no passive mode.")
    boolean active;

    @Option(names = "--names", description = "With ls: the names alone, one a line (NLST), not the long form (LIST).")
    boolean names;

    @Option(names = "--machine", description = "With ls: facts a program can read (MLSD, RFC 3659), such as"
            + " size=42;type=file; a.txt.")
    boolean machine;

    @Override
    public Integer call() throws IOException {
        String action = words.getFirst();
        int wanted = switch (action) {
            case "get", "ls" -> 2;
            case "put" -> 3;
            default -> throw new Errors.UsageException("ftp takes get, put or ls first, not '" + action
                    + "': socklab ftp get ftp://HOST:PORT/FILE");
        };
        if (words.size() != wanted) {
            throw new Errors.UsageException("ftp " + action + " takes " + (wanted == 2 ? "a URL" : "a FILE and a URL")
                    + ": socklab ftp " + (wanted == 2 ? action + " URL" : "put FILE URL"));
        }
        if (output != null && !action.equals("get")) {
            throw new Errors.UsageException("-o names the file a get saves: drop it from ftp " + action);
        }
        if ((names || machine) && !action.equals("ls")) {
            throw new Errors.UsageException("--names and --machine choose how ls lists: drop them from ftp " + action);
        }
        if (names && machine) {
            throw new Errors.UsageException("--names and --machine are two forms of listing: pick one");
        }
        FtpUrl url = FtpUrl.parse(words.getLast());
        if (action.equals("get") && (url.path().isEmpty() || url.path().endsWith("/"))) {
            throw new Errors.UsageException("the URL names a directory, not a file: list it with socklab ftp ls "
                    + url);
        }
        String user = url.user().orElse("anonymous");
        String password = password(url);
        // TLS 1.2 data connections must resume the control connection's session, here by its ID: the JDK drops a
        // TLS 1.2 session ticket said to last past 7 days (vsftpd's never expire), and a server that sends one gives
        // no ID. Read as the TLS context is made, so set before it.
        System.setProperty(TLS12_SESSION_TICKETS, "false");
        Optional<ClientTls> secure = tls.clientTls(url.implicitTls(), false);
        if (secure.isPresent() && !secure.get().checksTheServer()) {
            err().println(TlsOptions.INSECURE_WARNING);
        }
        try (FtpClient ftp = connect(url, secure)) {
            if (active) {
                ftp.useActiveMode();
            }
            ftp.login(user, password);
            return switch (action) {
                case "get" -> get(ftp, url);
                case "put" -> put(ftp, Path.of(words.get(1)), url);
                default -> list(ftp, url);
            };
        }
    }

    private FtpClient connect(FtpUrl url, Optional<ClientTls> secure) throws IOException {
        try {
            if (url.implicitTls()) {
                return FtpClient.connectImplicit(url.parsedHost(), url.port(), options.family.family(),
                        options.timeout(), options.tracer(), secure.orElseThrow());
            }
            return FtpClient.connect(url.parsedHost(), url.port(), options.family.family(), options.timeout(),
                    options.tracer(), secure);
        } catch (CertificateRefusedException e) {
            throw tls.withHint(e);
        }
    }

    /** The password: the URL's, standard input's first line, the terminal's answer, or the anonymous one. */
    private String password(FtpUrl url) throws IOException {
        if (url.user().isEmpty()) {
            if (passwordStdin) {
                throw new Errors.UsageException("--password-stdin is for a user named in the URL:"
                        + " ftp://USER@HOST/PATH");
            }
            return ANONYMOUS_PASSWORD;
        }
        if (url.password().isPresent()) {
            if (passwordStdin) {
                throw new Errors.UsageException("the URL gives the password already: drop --password-stdin, or the"
                        + " password from the URL");
            }
            return url.password().get();
        }
        if (passwordStdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new Errors.UsageException("--password-stdin found standard input empty: give the password"
                        + " as its first line");
            }
            return line;
        }
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            throw new Errors.UsageException("the URL names the user " + url.user().get() + " but no password, and"
                    + " there is no terminal to ask on: add --password-stdin");
        }
        char[] typed = console.readPassword("Password for %s@%s: ", url.user().get(), url.host());
        if (typed == null) {
            throw new Errors.UsageException("no password was typed");
        }
        return new String(typed);
    }

    private int get(FtpClient ftp, FtpUrl url) throws IOException {
        String remote = url.path();
        boolean toStandardOutput = "-".equals(output);
        if (resume && toStandardOutput) {
            throw new Errors.UsageException("--continue resumes a file: give -o FILE, not -o -");
        }
        Path target = toStandardOutput ? null : Path.of(output != null ? output : url.fileName());
        long have = resume && Files.isRegularFile(target) ? Files.size(target) : 0;
        MessageDigest digest = Sha256.digest();
        if (have > 0) {
            OptionalLong size = ftp.size(remote);
            if (size.isPresent() && have == size.getAsLong()) {
                err().println("socklab: " + target + " is already complete (" + have + " bytes): nothing to"
                        + " fetch");
                printDigest(digest, target, have);
                return ExitCode.OK.code;
            }
            if (size.isPresent() && have > size.getAsLong()) {
                throw new Errors.UsageException(target + " holds " + have + " bytes, more than the server's "
                        + size.getAsLong() + ": it is another file; remove it to fetch this one");
            }
            if (sha256) {
                Sha256.update(digest, target, have);
            }
        }
        TransferMeter meter = TransferMeter.forStandardError(err(), options.trace, "received", have);
        OpenOnWrite saved = target == null ? null : new OpenOnWrite(target, have > 0);
        boolean done = false;
        try (OutputStream sink = saved != null ? saved : new NoClose(System.out)) {
            ftp.retrieve(remote, have, new DigestOutputStream(sink, digest), meter);
            if (saved != null) {
                saved.complete();
            }
            done = true;
        } finally {
            meter.finish(done);
        }
        if (sha256) {
            PrintWriter to = toStandardOutput ? err() : out();
            to.println(Sha256.line(digest, toStandardOutput ? url.fileName() : target.toString()));
            to.flush();
        }
        return ExitCode.OK.code;
    }

    private int put(FtpClient ftp, Path file, FtpUrl url) throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new Errors.UsageException(file + ": no such file, or it cannot be read");
        }
        String remote = url.path().isEmpty() || url.path().endsWith("/")
                ? url.path() + file.getFileName() : url.path();
        long length = Files.size(file);
        long there = resume ? ftp.size(remote).orElse(0) : 0;
        MessageDigest digest = Sha256.digest();
        if (there > length) {
            throw new Errors.UsageException("the server's " + remote + " holds " + there + " bytes, more than "
                    + file + "'s " + length + ": it is another file; put it without --continue to replace it");
        }
        if (there == length && resume) {
            err().println("socklab: the server's " + remote + " is already complete (" + length + " bytes):"
                    + " nothing to send");
            printDigest(digest, file, length);
            return ExitCode.OK.code;
        }
        if (sha256) {
            Sha256.update(digest, file, there);
        }
        TransferMeter meter = TransferMeter.forStandardError(err(), options.trace, "sent", there);
        boolean done = false;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(there);
            ftp.store(remote, new DigestInputStream(in, digest), length - there, there > 0, meter);
            done = true;
        } finally {
            meter.finish(done);
        }
        if (sha256) {
            out().println(Sha256.line(digest, file.toString()));
            out().flush();
        }
        return ExitCode.OK.code;
    }

    private int list(FtpClient ftp, FtpUrl url) throws IOException {
        FtpClient.Listing listing = names ? FtpClient.Listing.NAMES
                : machine ? FtpClient.Listing.MACHINE : FtpClient.Listing.LONG;
        // A listing is the server's text: shown visibly on a terminal, as every client shows it.
        try (VisibleLines out = new VisibleLines(System.out, ServerText.forStandardOutput())) {
            ftp.list(listing, url.path(), out);
        }
        return ExitCode.OK.code;
    }

    /** With --sha256, the digest of a file that needed no transfer: the whole of it, from here. */
    private void printDigest(MessageDigest digest, Path file, long length) throws IOException {
        if (sha256) {
            Sha256.update(digest, file, length);
            out().println(Sha256.line(digest, file.toString()));
            out().flush();
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
