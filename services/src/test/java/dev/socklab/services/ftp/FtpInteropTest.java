package dev.socklab.services.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Server;
import dev.socklab.testing.LabProgram;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;
import dev.socklab.testing.Tools;

/**
 * The ftp service against the clients people use: curl, Python's ftplib (Debian's /usr/bin/python3),
 * lftp and wget, each in plain and, where it has it, over AUTH TLS; and each turned away as it should
 * be: a missing file, {@code ../} in its encodings, a write without permission, a wrong password.
 */
@Timeout(120)
class FtpInteropTest {
    private static final Duration RUN = Duration.ofSeconds(60);
    private static final String USER = TestFtp.WRITER + ":" + TestFtp.PASSWORD;

    @TempDir
    Path root;
    @TempDir
    Path local;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    TestCertificates pair;
    int port;
    byte[] content;

    @BeforeEach
    void start() throws Exception {
        content = new byte[1_000_000];
        new Random(2428).nextBytes(content);
        Files.createDirectories(root.resolve("pub/docs"));
        Files.write(root.resolve("pub/data.bin"), content);
        Files.writeString(root.resolve("pub/docs/readme.txt"), "read me\n");
        pair = TestCertificates.in(Files.createDirectories(local.resolve("keys")));
        InetSocketAddress server = TestFtp.serve(servers, Server.builder().tls(pair.serverTls()), TestFtp.settings(root));
        port = server.getPort();
    }

    private String url(String path) {
        return "ftp://127.0.0.1:" + port + path;
    }

    /** Runs {@code command}: its exit code, and what it printed. */
    private record Run(int exit, String output) {
    }

    private static Run run(List<String> command) throws Exception {
        try (LabProgram program = LabProgram.start(command)) {
            String out = program.outputUntilExit(RUN);
            return new Run(program.exitCode(), out);
        }
    }

    private static Run ok(List<String> command) throws Exception {
        Run r = run(command);
        assertThat(r.exit()).as("%s exits 0; it printed:%n%s", command, r.output()).isZero();
        return r;
    }

    private List<String> curl(String... args) {
        List<String> command = new ArrayList<>(List.of(Tools.require("curl"), "-sS", "--max-time", "30"));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void curlListsGetsPutsAndResumesBothWays() throws Exception {
        assertThat(ok(curl("-u", USER, url("/pub/"))).output()).contains(" data.bin", " docs");
        // NLST comes in ASCII mode, whose CRLFs curl turns into the local line end.
        assertThat(ok(curl("-u", USER, "-l", url("/pub/"))).output().split("\n")).containsExactlyInAnyOrder("data.bin", "docs");
        Path got = local.resolve("got.bin");
        ok(curl("-u", USER, "-o", got.toString(), url("/pub/data.bin")));
        assertThat(got).hasBinaryContent(content);

        // A download cut short, resumed: curl sends REST at the size it has.
        Path partial = Files.write(local.resolve("partial.bin"), Arrays.copyOf(content, 300_000));
        ok(curl("-u", USER, "-C", "-", "-o", partial.toString(), url("/pub/data.bin")));
        assertThat(partial).hasBinaryContent(content);

        Path upload = Files.write(local.resolve("up.bin"), content);
        ok(curl("-u", USER, "-T", upload.toString(), url("/pub/up.bin")));
        assertThat(root.resolve("pub/up.bin")).hasBinaryContent(content);

        // An upload cut short, resumed: curl asks SIZE, then APPEs the rest.
        Files.write(root.resolve("pub/half.bin"), Arrays.copyOf(content, 400_000));
        ok(curl("-u", USER, "-C", "-", "-T", upload.toString(), url("/pub/half.bin")));
        assertThat(root.resolve("pub/half.bin")).hasBinaryContent(content);
    }

    /**
     * curl sends ABOR once it has the range it asked for, while the server is still sending, and
     * closes the data connection about then: whichever the server sees first, curl reads 426 and
     * then the ABOR's own reply (226 if the ABOR ended the transfer, 225 if the close did).
     */
    @Test
    void curlAbortsADownloadOnceItHasItsRange() throws Exception {
        Files.write(root.resolve("pub/large.bin"), new byte[32 << 20]);
        Path got = local.resolve("range.bin");
        String out = ok(curl("-v", "-u", USER, "-r", "0-999", "-o", got.toString(), url("/pub/large.bin"))).output();
        assertThat(got).hasSize(1000);
        assertThat(out).contains("> ABOR").containsPattern("(?s)< 426 .*< 22[56] ");
    }

    @Test
    void curlOverAuthTlsWithTheServersCertificate() throws Exception {
        List<String> tls = List.of("--ssl-reqd", "--cacert", pair.certFile().toString(), "--resolve",
                "localhost:" + port + ":127.0.0.1", "-u", USER);
        List<String> listing = new ArrayList<>(tls);
        listing.add("ftp://localhost:" + port + "/pub/");
        assertThat(ok(curl(listing.toArray(String[]::new))).output()).contains(" data.bin");
        Path got = local.resolve("tls.bin");
        List<String> get = new ArrayList<>(tls);
        get.addAll(List.of("-o", got.toString(), "ftp://localhost:" + port + "/pub/data.bin"));
        ok(curl(get.toArray(String[]::new)));
        assertThat(got).hasBinaryContent(content);
    }

    @Test
    void curlIsTurnedAwayAsItShouldBe() throws Exception {
        // RFC 3986 says curl walks each segment with CWD; the encodings reach the server as the client decodes them.
        assertThat(run(curl("-u", USER, "-o", local.resolve("x").toString(), url("/pub/missing.bin"))).exit())
                .as("a missing file").isEqualTo(78);
        for (String escape : List.of("/%2e%2e/%2e%2e/etc/passwd", "/../../etc/passwd", "/..%2f..%2fetc%2fpasswd",
                "/%2E%2E%5C%2E%2E%5Cetc%5Cpasswd", "/pub/..%2F..%2F..%2Fetc/passwd")) {
            Run r = run(curl("--path-as-is", "-u", USER, "-o", local.resolve("x").toString(), url(escape)));
            assertThat(r.exit()).as("%s: %s", escape, r.output()).isNotZero();
            assertThat(local.resolve("x")).as(escape).doesNotExist();
        }
        Path upload = Files.writeString(local.resolve("up.txt"), "no");
        assertThat(run(curl("-u", TestFtp.READER + ":" + TestFtp.PASSWORD, "-T", upload.toString(), url("/pub/up.txt")))
                .exit()).as("a write without permission").isEqualTo(25);
        assertThat(run(curl("-T", upload.toString(), url("/pub/up.txt"))).exit()).as("anonymous").isEqualTo(25);
        assertThat(root.resolve("pub/up.txt")).doesNotExist();
        assertThat(run(curl("-u", TestFtp.WRITER + ":wrong", url("/pub/"))).exit()).as("a wrong password").isEqualTo(67);
    }

    /** A script in Debian's python3, which has ftplib in its standard library. */
    private Run python(String script, String... args) throws Exception {
        String python = Tools.require(Path.of("/usr/bin/python3"));
        Path file = Files.writeString(local.resolve("client.py"), script);
        List<String> command = new ArrayList<>(List.of(python, "-u", file.toString()));
        command.addAll(List.of(args));
        return ok(command);
    }

    @Test
    void pythonsFtplibInPlainAndOverTlsWithProtP() throws Exception {
        String script = """
                import ftplib, io, ssl, sys
                port, user, password, cafile = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]

                def session(ftp):
                    ftp.connect("127.0.0.1", port, timeout=10)
                    ftp.login(user, password)
                    print("mlsd", sorted((n, f["type"], f.get("size")) for n, f in ftp.mlsd("/pub")))
                    buf = io.BytesIO()
                    ftp.retrbinary("RETR /pub/data.bin", buf.write, rest=999000)
                    print("rest", len(buf.getvalue()))
                    ftp.storbinary("STOR /pub/new.txt", io.BytesIO(b"hello ftp"))
                    ftp.rename("/pub/new.txt", "/pub/renamed.txt")
                    print("size", ftp.size("/pub/renamed.txt"))
                    ftp.mkd("/pub/made"); ftp.rmd("/pub/made")
                    ftp.delete("/pub/renamed.txt")
                    for bad in ["/pub/missing.bin", "../../etc/passwd", "..\\\\..\\\\etc\\\\passwd"]:
                        try:
                            ftp.retrbinary("RETR " + bad, lambda b: None)
                            print("served", bad)
                        except ftplib.error_perm as e:
                            print("refused", str(e)[:3])
                    ftp.quit()

                session(ftplib.FTP())
                context = ssl.create_default_context(cafile=cafile)
                context.check_hostname = False
                tls = ftplib.FTP_TLS(context=context)
                tls.connect("127.0.0.1", port, timeout=10)
                tls.auth()
                tls.login(user, password)
                tls.prot_p()
                buf = io.BytesIO()
                tls.retrbinary("RETR /pub/docs/readme.txt", buf.write)
                print("tls", buf.getvalue())
                tls.storbinary("STOR /pub/tls.txt", io.BytesIO(b"over tls"))
                tls.quit()

                try:
                    f = ftplib.FTP(); f.connect("127.0.0.1", port, timeout=10); f.login(user, "wrong")
                except ftplib.error_perm as e:
                    print("wrong password", str(e)[:3])
                f = ftplib.FTP(); f.connect("127.0.0.1", port, timeout=10); f.login("anonymous", "me@example.com")
                try:
                    f.storbinary("STOR /pub/anon.txt", io.BytesIO(b"no"))
                except ftplib.error_perm as e:
                    print("anonymous write", str(e)[:3])
                f.quit()
                """;
        String out = python(script, Integer.toString(port), TestFtp.WRITER, TestFtp.PASSWORD, pair.certFile().toString())
                .output();
        assertThat(out).contains("mlsd [('data.bin', 'file', '1000000'), ('docs', 'dir', None)]", "rest 1000", "size 9",
                "tls b'read me\\n'", "wrong password 530", "anonymous write 550");
        assertThat(out.lines().filter(l -> l.startsWith("refused"))).hasSize(3).allMatch(l -> l.matches("refused 55\\d"));
        assertThat(out).doesNotContain("served");
        assertThat(root.resolve("pub/tls.txt")).hasContent("over tls");
        assertThat(root.resolve("pub/anon.txt")).doesNotExist();
    }

    /** ftplib's abort() sends ABOR as urgent data (its LF is the urgent byte), as RFC 959's "special action" asks. */
    @Test
    void pythonsFtplibAbortsADownloadInProgressAndTheSessionGoesOn() throws Exception {
        // Far more than loopback's socket buffers hold: the server is still sending when ABOR comes.
        Files.write(root.resolve("pub/large.bin"), new byte[32 << 20]);
        String script = """
                import ftplib, io, sys
                port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
                ftp = ftplib.FTP()
                ftp.connect("127.0.0.1", port, timeout=10)
                ftp.login(user, password)
                ftp.voidcmd("TYPE I")
                conn = ftp.transfercmd("RETR /pub/large.bin")
                print("read", len(conn.recv(8192)) > 0)
                print("abort", ftp.abort())
                print("then", ftp.voidresp())
                conn.close()
                buf = io.BytesIO()
                ftp.retrbinary("RETR /pub/docs/readme.txt", buf.write)
                print("next", buf.getvalue())
                ftp.quit()
                """;
        String out = python(script, Integer.toString(port), TestFtp.READER, TestFtp.PASSWORD).output();
        assertThat(out).contains("read True", "abort 426 Transfer aborted by ABOR.", "then 226 ABOR successful.",
                "next b'read me\\n'");
    }

    /**
     * A listing comes in the directory's own order, not sorted: each client takes every name as it
     * comes. The names are made in a shuffled order, so that neither creation order (btrfs, tmpfs),
     * its reverse (older tmpfs) nor a hash (ext4) sorts them.
     */
    @Test
    void curlLftpWgetAndFtplibTakeAnUnsortedListingWhole() throws Exception {
        Path many = Files.createDirectory(root.resolve("pub/many"));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            names.add("n%02d.txt".formatted(i));
        }
        // Past the sorted listings' bound: the rest are empty files, the 20 above are fetched.
        List<String> all = new ArrayList<>(names);
        for (int i = 0; i < ListingCommands.SORTED_UP_TO; i++) {
            all.add("z%04d.txt".formatted(i));
        }
        Collections.shuffle(all, new Random(2428));
        for (String name : all) {
            Files.writeString(many.resolve(name), names.contains(name) ? name : "");
        }
        List<String> listed = ok(curl("-u", USER, "-l", url("/pub/many/"))).output().lines().toList();
        assertThat(listed).as("the listing's own order").containsExactlyInAnyOrderElementsOf(all)
                .isNotEqualTo(listed.stream().sorted().toList());

        // In plain: the listing is what is tested here, and lftpListsGetsResumesPutsAndMirrorsOverAuthTls does TLS.
        ok(lftp("set ftp:ssl-allow no; open -u " + TestFtp.READER + ",'" + TestFtp.PASSWORD + "' ftp://127.0.0.1:" + port + "; mirror -I 'n*.txt' /pub/many "
                + local.resolve("lftp")));
        ok(List.of(Tools.require("wget"), "-q", "-r", "-nH", "--cut-dirs=2", "-P", local.resolve("wget").toString(), "-A", "n*.txt",
                "ftp://" + TestFtp.READER + ":" + TestFtp.PASSWORD.replace(" ", "%20") + "@127.0.0.1:" + port + "/pub/many/"));
        for (String name : names) {
            assertThat(local.resolve("lftp").resolve(name)).as("lftp's mirror").hasContent(name);
            assertThat(local.resolve("wget").resolve(name)).as("wget -r").hasContent(name);
        }
        String out = python("""
                import ftplib, sys
                ftp = ftplib.FTP()
                ftp.connect("127.0.0.1", int(sys.argv[1]), timeout=10)
                ftp.login(sys.argv[2], sys.argv[3])
                nlst = ftp.nlst("/pub/many")
                print("nlst", len(nlst), sorted(n for n in nlst if n.startswith("n")))
                mlsd = [n for n, f in ftp.mlsd("/pub/many") if f["type"] == "file"]
                print("mlsd", len(mlsd), sorted(n for n in mlsd if n.startswith("n")))
                ftp.quit()
                """, Integer.toString(port), TestFtp.READER, TestFtp.PASSWORD).output();
        String sorted = names.stream().sorted().map(n -> "'" + n + "'").collect(Collectors.joining(", ", "[", "]"));
        assertThat(out).contains("nlst " + all.size() + " " + sorted, "mlsd " + all.size() + " " + sorted);
    }

    @Test
    void aDirectoryOfAFewEntriesIsListedSortedAsVsftpdListsIt() throws Exception {
        Path few = Files.createDirectory(root.resolve("pub/few"));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            names.add("f%02d.txt".formatted(i));
        }
        Collections.shuffle(names, new Random(2428));
        for (String name : names) {
            Files.writeString(few.resolve(name), name);
        }
        assertThat(ok(curl("-u", USER, "-l", url("/pub/few/"))).output().lines().toList())
                .isEqualTo(names.stream().sorted().toList());
    }

    private List<String> lftp(String commands) {
        return List.of(Tools.require("lftp"), "-c", "set net:max-retries 1; set net:timeout 10; set dns:order inet; "
                + "set xfer:clobber on; " + commands);
    }

    @Test
    void lftpListsGetsResumesPutsAndMirrorsOverAuthTls() throws Exception {
        String open = "set ssl:ca-file " + pair.certFile() + "; set ftp:ssl-force true; set ftp:ssl-protect-data true; "
                + "open -u " + TestFtp.WRITER + ",'" + TestFtp.PASSWORD + "' ftp://localhost:" + port + "; ";
        assertThat(ok(lftp(open + "ls /pub")).output()).contains(" data.bin", " docs");
        Path partial = Files.write(local.resolve("data.bin"), Arrays.copyOf(content, 250_000));
        ok(lftp(open + "lcd " + local + "; get -c /pub/data.bin"));
        assertThat(partial).hasBinaryContent(content);
        Path upload = Files.writeString(local.resolve("put.txt"), "put by lftp");
        ok(lftp(open + "cd /pub; put " + upload));
        assertThat(root.resolve("pub/put.txt")).hasContent("put by lftp");
        Path mirror = local.resolve("mirror");
        ok(lftp(open + "mirror /pub " + mirror));
        assertThat(mirror.resolve("data.bin")).hasBinaryContent(content);
        assertThat(mirror.resolve("docs/readme.txt")).hasContent("read me\n");
    }

    @Test
    void lftpGoesOnInPlainWhenTheServerHasNoCertificateAndIsTurnedAwayAsItShouldBe() throws Exception {
        Path plainRoot = Files.createDirectories(local.resolve("plain"));
        Files.writeString(plainRoot.resolve("a.txt"), "plain");
        int plain = TestFtp.serve(servers, TestFtp.settings(plainRoot)).getPort();
        String open = "open -u " + TestFtp.READER + ",'" + TestFtp.PASSWORD + "' ftp://127.0.0.1:" + plain + "; ";
        assertThat(ok(lftp(open + "ls")).output()).contains(" a.txt");
        ok(lftp(open + "lcd " + local + "; get a.txt"));
        assertThat(local.resolve("a.txt")).hasContent("plain");
        assertThat(run(lftp(open + "get missing.txt -o " + local.resolve("m"))).exit()).as("missing").isNotZero();
        assertThat(run(lftp(open + "get ../../etc/passwd -o " + local.resolve("p"))).exit()).as("../").isNotZero();
        assertThat(local.resolve("p")).doesNotExist();
        assertThat(run(lftp(open + "put " + local.resolve("a.txt") + " -o b.txt")).exit()).as("read-only").isNotZero();
        assertThat(plainRoot.resolve("b.txt")).doesNotExist();
        assertThat(run(lftp("open -u " + TestFtp.READER + ",wrong ftp://127.0.0.1:" + plain + "; ls")).exit())
                .as("a wrong password").isNotZero();
    }

    @Test
    void wgetGetsAFileAndFailsAsItShouldBe() throws Exception {
        String wget = Tools.require("wget");
        String auth = "ftp://" + TestFtp.READER + ":" + TestFtp.PASSWORD.replace(" ", "%20") + "@127.0.0.1:" + port;
        Path got = local.resolve("wget.bin");
        ok(List.of(wget, "-q", "-O", got.toString(), auth + "/pub/data.bin"));
        assertThat(got).hasBinaryContent(content);
        assertThat(run(List.of(wget, "-q", "-O", local.resolve("m").toString(), auth + "/pub/missing.bin")).exit())
                .as("missing").isEqualTo(8);
        assertThat(run(List.of(wget, "-q", "-O", local.resolve("p").toString(), auth + "/%2e%2e/%2e%2e/etc/passwd"))
                .exit()).as("../").isNotZero();
        assertThat(run(List.of(wget, "-q", "-O", local.resolve("w").toString(),
                "ftp://" + TestFtp.READER + ":wrong@127.0.0.1:" + port + "/pub/data.bin")).exit()).as("wrong password")
                .isEqualTo(6);
    }
}
