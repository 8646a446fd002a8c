package dev.socklab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.socklab.client.TftpClient;
import dev.socklab.net.Host;
import dev.socklab.net.Ports;

/** {@code socklab tftp get|put}: one file over TFTP, with a progress bar or a summary line. */
@Command(name = "tftp", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = {"Downloads or uploads one file over TFTP (RFC 1350, octet mode).",
                "get saves FILE under its own name here, or as -o; put sends the local FILE under its own name."
                + " The options tsize and timeout are always asked for, blksize and windowsize when given; a"
                + " server that ignores them is spoken to as RFC 1350 says, 512 bytes a block, one at a time."
                + " A packet that is not answered within --timeout is sent again, up to 5 times.",
                "A progress bar is drawn on standard error when it is a terminal; a summary line otherwise."},
        footer = {"", "Exit code 6 when the server answers with a TFTP error: no such file,",
                "no permission.",
                "", "Examples:",
                "  socklab tftp get boot.img",
                "  socklab tftp get 127.0.0.1 69 pxelinux.0 --blksize 1428 --windowsize 16",
                "  socklab tftp get boot.img --sha256",
                "  socklab tftp put localhost 10069 notes.txt",
                "  socklab tftp get big.iso -o - | sha256sum"})
final class TftpCommand implements Callable<Integer> {
    /** socklab's TFTP port: 69 needs privileges. */
    static final int DEFAULT_PORT = 10069;
    private static final int RETRIES = 5;

    @Parameters(arity = "2..4", paramLabel = "get|put [HOST] [PORT] FILE", hideParamSyntax = true,
            description = {"get or put; the server (default: localhost, port 10069); and the file: its name on the"
                    + " server for get, a local file for put."})
    List<String> words = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Mixin
    TransferOptions options;

    @Option(names = "--blksize", paramLabel = "N",
            description = "Ask for blocks of N bytes, 8 to 65464 (RFC 2348; default: 512, asking nothing).")
    int blksize = TftpClient.DEFAULT_BLKSIZE;

    @Option(names = "--windowsize", paramLabel = "N",
            description = "Ask for N blocks per acknowledgement (RFC 7440; default: 1, asking nothing).")
    int windowsize = 1;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "With get: save as FILE, or - for standard output (default: the file's own name, here).")
    String output;

    @Option(names = "--sha256", description = "Print the SHA-256 of what was sent or received, as sha256sum does.")
    boolean sha256;

    @Override
    public Integer call() throws IOException {
        String action = words.getFirst();
        if (!action.equals("get") && !action.equals("put")) {
            throw new Errors.UsageException("tftp takes get or put first, not '" + action + "': socklab tftp get FILE");
        }
        String file = words.getLast();
        Host host = Host.parse(words.size() >= 3 ? words.get(1) : "localhost");
        int port = words.size() == 4 ? Ports.parse(words.get(2)) : DEFAULT_PORT;
        TftpClient.Settings settings;
        try {
            settings = new TftpClient.Settings(blksize, windowsize, options.timeout(), RETRIES);
        } catch (IllegalArgumentException e) {
            throw new Errors.UsageException(e.getMessage().replace("the block size", "--blksize")
                    .replace("the window size", "--windowsize"));
        }
        TftpClient client = TftpClient.of(host, port, options.family.family(), settings, options.tracer());
        if (action.equals("get")) {
            return get(client, file);
        }
        if (output != null) {
            throw new Errors.UsageException("-o names the file a get saves; put sends FILE under its own name");
        }
        return put(client, Path.of(file));
    }

    private int get(TftpClient client, String file) throws IOException {
        boolean toStandardOutput = "-".equals(output);
        Path target = toStandardOutput ? null : Path.of(output != null ? output : Path.of(file).getFileName().toString());
        MessageDigest digest = Sha256.digest();
        TransferMeter meter = TransferMeter.forStandardError(err(), options.trace, "received", 0);
        OpenOnWrite saved = target == null ? null : new OpenOnWrite(target, false);
        boolean done = false;
        try (OutputStream sink = saved != null ? saved : new NoClose(System.out)) {
            client.get(file, new DigestOutputStream(sink, digest), meter);
            if (saved != null) {
                saved.complete();
            }
            done = true;
        } finally {
            meter.finish(done);
        }
        if (sha256) {
            PrintWriter to = toStandardOutput ? err() : out();
            to.println(Sha256.line(digest, toStandardOutput ? file : target.toString()));
            to.flush();
        }
        return ExitCode.OK.code;
    }

    private int put(TftpClient client, Path file) throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new Errors.UsageException(file + ": no such file, or it cannot be read");
        }
        MessageDigest digest = Sha256.digest();
        TransferMeter meter = TransferMeter.forStandardError(err(), options.trace, "sent", 0);
        boolean done = false;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            client.put(file.getFileName().toString(), in, Files.size(file), meter);
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

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
