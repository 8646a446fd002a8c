package dev.socklab.cli;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.socklab.client.BodyTooLargeException;
import dev.socklab.client.ClientConnection;
import dev.socklab.client.HttpClient;
import dev.socklab.client.HttpRequest;
import dev.socklab.client.HttpResponse;
import dev.socklab.client.HttpUrl;
import dev.socklab.client.Resumption;
import dev.socklab.http.Field;
import dev.socklab.http.Fields;
import dev.socklab.http.ResponseHead;
import dev.socklab.text.CappedFile;
import dev.socklab.text.IoFailure;
import dev.socklab.text.Visible;

/**
 * {@code socklab http}: one HTTP/1.1 request, its response's body to standard output or a file,
 * like a small curl. Not a {@link ClientCommand}: it takes a URL, not HOST and PORT, and has no
 * UDP side.
 */
@Command(name = "http", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = {"Sends one HTTP/1.1 request and prints the body of the response.",
                "METHOD is GET unless given, or POST with --data and PUT with --upload. The URL is"
                + " http://HOST[:PORT]/PATH, or https:// for TLS (as --tls makes any URL); without a scheme it is"
                + " taken as http://, as curl does.",
                "The body goes to standard output as it came, or to -o FILE, as it arrives (never held whole);"
                + " on a terminal its control characters are shown visibly. -i prints the status line and"
                + " header fields first. With -o, or when standard output is not a terminal, a progress bar"
                + " is drawn on standard error if it is one."},
        footer = {"", "Exit code 6 when the server answers 4xx or 5xx: the body is still printed, but",
                "with -o it is not saved, and FILE stays as it was.", "", "Examples:",
                "  socklab http localhost:10080/anything",
                "  socklab http -i http://[::1]:10080/ip",
                "  socklab http HEAD localhost:10080/                  the head alone",
                "  socklab http localhost:10080/anything --data 'name=socklab' -H 'X-Lab: 1'",
                "  socklab http localhost:10080/big.iso -o big.iso --continue",
                "  socklab http PUT localhost:10080/notes.txt --upload notes.txt",
                "  socklab http --unix /tmp/http.sock http://localhost/health --trace",
                "  socklab http --ca cert.pem https://localhost:10443/anything"})
final class HttpCommand implements Callable<Integer>, ServerText.Printer {
    /** What a body to standard output may be at most, unless --max-size says: a file may be any size. */
    static final long DEFAULT_MAX_TO_OUTPUT = 100L * 1024 * 1024;
    private static final String WHO = "http";

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "[METHOD] URL", hideParamSyntax = true,
            description = {"The method (GET unless given) and the URL:",
                    "http://HOST[:PORT]/PATH?QUERY, where HOST is a name, an IPv4 address or an IPv6 one in brackets,"
                    + " and PORT is 80 unless given; https:// for TLS, on 443 unless given."})
    List<String> words = new ArrayList<>();

    @Mixin
    ClientOptions options;

    /** Not offered, since HTTP has no UDP side here: taken only to tell whoever tries it so. */
    @Option(names = "--udp", hidden = true)
    boolean udp;

    @Option(names = {"-d", "--data"}, paramLabel = "TEXT",
            description = "Send TEXT as the body, as a form (Content-Type: application/x-www-form-urlencoded);"
                    + " the method is then POST unless given.")
    String data;

    @Option(names = {"-T", "--upload"}, paramLabel = "FILE",
            description = "Send FILE as the body, once the server says 100 Continue (or after 1s without an"
                    + " answer); the method is then PUT unless given.")
    Path upload;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the body to FILE instead of standard output.")
    Path output;

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'",
            description = "Add a header field (repeatable); one of socklab's own (Host, User-Agent, Accept,"
                    + " Connection) is replaced, and removed by an empty value: -H 'Accept:'.")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-i", "--include"}, description = "Print the status line and header fields before the body.")
    boolean include;

    @Option(names = {"-c", "--continue"},
            description = "With -o: fetch only the rest of a FILE cut short, asking for the bytes after its end"
                    + " (Range); a server that sends the whole file again has it written afresh.")
    boolean resume;

    @Option(names = "--max-size", paramLabel = "BYTES",
            description = "The largest body taken (default: no limit with -o; 100 MiB to standard output).")
    Long maxSize;

    /** How the server's text (head and body) is printed: made visible when standard output is a terminal. */
    ServerText serverText = ServerText.forStandardOutput();

    @Override
    public void serverText(ServerText how) {
        serverText = how;
    }

    @Override
    public Integer call() throws IOException {
        if (udp) {
            throw new Errors.UsageException("http runs over TCP or a Unix socket, not UDP: drop --udp");
        }
        if (data != null && upload != null) {
            throw new Errors.UsageException("--data and --upload both give the body: pick one");
        }
        if (resume && output == null) {
            throw new Errors.UsageException("--continue resumes a download into a file: give -o FILE too");
        }
        if (maxSize != null && maxSize < 0) {
            throw new Errors.UsageException("--max-size takes a number of bytes, 0 or more, not " + maxSize);
        }
        String method = words.size() == 2 ? words.getFirst() : data != null ? "POST" : upload != null ? "PUT" : "GET";
        HttpUrl url = HttpUrl.parse(words.getLast(), options.tls.tls);
        long have = resume && Files.isRegularFile(output) ? Files.size(output) : 0;
        HttpRequest request = request(method, url, have);
        long max = maxSize != null ? maxSize : output != null ? Long.MAX_VALUE : DEFAULT_MAX_TO_OUTPUT;
        return options.talkHttp(url.parsedHost(), url.port(), WHO, url.tls(),
                conn -> converse(conn, request, have, max));
    }

    private HttpRequest request(String method, HttpUrl url, long have) throws IOException {
        try {
            Fields.Builder fields = Fields.builder();
            for (String header : headers) {
                Field field = HttpRequest.field(header);
                if (field.is("Range") && have > 0) {
                    throw new IllegalArgumentException("--continue asks for the range after the file's end itself:"
                            + " leave Range out of -H");
                }
                fields.add(field.name(), field.value());
            }
            if (have > 0) {
                fields.add("Range", "bytes=" + have + "-");
            }
            return new HttpRequest(method, url, body(), fields.build(), userAgent());
        } catch (IllegalArgumentException e) {
            throw new Errors.UsageException(e.getMessage());
        }
    }

    private HttpRequest.Body body() throws IOException {
        if (data != null) {
            return new HttpRequest.Text(data);
        }
        if (upload != null) {
            if (!Files.isRegularFile(upload) || !Files.isReadable(upload)) {
                throw new Errors.UsageException("--upload " + upload + ": no such file, or it cannot be read");
            }
            return new HttpRequest.Upload(upload, Files.size(upload));
        }
        return new HttpRequest.NoBody();
    }

    /** {@code socklab/0.1.0}, the version Maven wrote into the jar's manifest. */
    static String userAgent() {
        String version = HttpCommand.class.getPackage().getImplementationVersion();
        return "socklab/" + (version == null ? "dev" : version);
    }

    private int converse(ClientConnection conn, HttpRequest request, long have, long max) throws IOException {
        HttpResponse response = HttpClient.exchange(conn, request, options.timeout);
        if (include || request.method().equals("HEAD")) {
            printHead(System.out, response.head());
        }
        if (request.method().equals("HEAD")) {
            return response.status() >= 400 ? failed(response.head(), "") : ExitCode.OK.code;
        }
        if (output != null) {
            return save(response, have, max);
        }
        // On a terminal the body shows its control characters visibly, as every client's server text does.
        try (VisibleLines body = new VisibleLines(System.out, serverText)) {
            copy(response, body, max, 0, response.bodyLength(), !serverText.visible());
        }
        return response.status() >= 400 ? failed(response.head(), "") : ExitCode.OK.code;
    }

    /** Saves the body to {@link #output}: appended to what a resumed download has, or from the start. */
    private int save(HttpResponse response, long have, long max) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        // Only a 2xx answer is the file: a redirect (not followed) or a 304 leaves FILE as it was.
        Resumption resumption = have > 0 ? Resumption.of(have, response.head())
                : response.status() / 100 == 2 ? Resumption.RESTART : Resumption.NONE;
        switch (resumption) {
            case COMPLETE -> {
                err.println("socklab: " + output + " is already complete (" + have + " bytes): nothing to fetch");
                err.flush();
                return ExitCode.OK.code;
            }
            case NONE -> {
                if (response.status() >= 400) {
                    return failed(response.head(), leftAsItWas(response.head(), have));
                }
                String location = response.head().fields().first("Location").map(l -> " (Location: " + l + ")")
                        .orElse("");
                err.println(Visible.of("socklab: the server answered " + status(response.head()) + location
                        + ", not the file: " + output + " was left as it was"));
                err.flush();
                return ExitCode.OK.code;
            }
            case RESTART -> {
                if (have > 0) {
                    err.println("socklab: the server sent the whole file (200), not the rest: " + output
                            + " is written again from the start");
                    err.flush();
                }
            }
            case APPEND -> {
                // the body is the rest of the file
            }
        }
        boolean append = resumption == Resumption.APPEND;
        OptionalLong total = append ? Resumption.completeLength(response.head()) : response.bodyLength();
        try (OutputStream file = open(append)) {
            copy(response, file, max, append ? have : 0, total, true);
        } catch (EOFException e) {
            throw new EOFException(e.getMessage() + "; " + output + " holds what came, and --continue fetches the rest");
        }
        return ExitCode.OK.code;
    }

    /** Why a resumed or saved file was not written, after an error status. */
    private String leftAsItWas(ResponseHead head, long have) {
        OptionalLong complete = Resumption.completeLength(head);
        if (head.status() == 416 && have > 0 && complete.isPresent()) {
            return ": its file is " + complete.getAsLong() + " bytes, and " + output + " holds " + have
                    + ": remove " + output + " to fetch it afresh";
        }
        return "; " + output + " was left as it was";
    }

    private OutputStream open(boolean append) throws IOException {
        try {
            return append ? Files.newOutputStream(output, StandardOpenOption.APPEND)
                    : Files.newOutputStream(output);
        } catch (IOException e) {
            throw new Errors.UsageException("cannot write " + output + ": " + IoFailure.reason(e));
        }
    }

    /**
     * Copies the body to {@code to}, with a progress bar on standard error when {@code mayShowProgress},
     * standard error is a terminal, and no trace is printed there, whose lines the bar would break.
     */
    private void copy(HttpResponse response, OutputStream to, long max, long start, OptionalLong total,
            boolean mayShowProgress) throws IOException {
        ProgressBar bar = mayShowProgress && !options.trace && ServerText.standardErrorIsTerminal()
                ? new ProgressBar(System.err, start, total, System::nanoTime) : null;
        LongConsumer progress = bar != null ? bar : copied -> { };
        try {
            response.transferTo(to, max, progress);
        } catch (BodyTooLargeException e) {
            throw new IOException("the body is larger than " + size(e.limit()) + ", the most --max-size takes"
                    + (output == null ? " to standard output: save it with -o FILE, or raise --max-size" : ""), e);
        } finally {
            if (bar != null) {
                bar.finish();
            }
        }
    }

    /** Prints the head as it came, line ends and all, made visible on a terminal. */
    private void printHead(PrintStream out, ResponseHead head) {
        StringBuilder text = new StringBuilder(HttpClient.statusLine(head)).append("\r\n");
        for (Field field : head.fields().all()) {
            text.append(field.name()).append(": ").append(field.value()).append("\r\n");
        }
        text.append("\r\n");
        // A head's bytes are Latin-1 (RFC 9110 §5.5): to a pipe they go back as the same bytes.
        byte[] bytes = serverText.visible() ? serverText.shown(text.toString()).getBytes(StandardCharsets.UTF_8)
                : text.toString().getBytes(StandardCharsets.ISO_8859_1);
        out.write(bytes, 0, bytes.length);
        out.flush();
    }

    /** Tells why the exit code is {@link ExitCode#SERVER_REFUSED}, ending the sentence with {@code more}. */
    private int failed(ResponseHead head, String more) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(Visible.of("socklab: the server answered " + status(head) + more));
        err.flush();
        return ExitCode.SERVER_REFUSED.code;
    }

    /** {@code 404 Not Found}. */
    private static String status(ResponseHead head) {
        return head.reason().isEmpty() ? Integer.toString(head.status()) : head.status() + " " + head.reason();
    }

    private static String size(long bytes) {
        return bytes <= Integer.MAX_VALUE ? CappedFile.size((int) bytes) : bytes + " bytes";
    }
}
