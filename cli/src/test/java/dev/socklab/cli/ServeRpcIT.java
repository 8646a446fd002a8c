package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.testing.LabProgram;
import dev.socklab.testing.Tools;

/**
 * {@code ./socklab serve} as a process, with rpc served as by default: the issue's "Done when" program, Python's
 * own {@code xmlrpc.client} written as the lab writes it, and {@code nc}, each printing what docs/services.md
 * shows.
 */
@Timeout(60)
class ServeRpcIT {
    /** Issue 17's program, as it is written there: only its port changes here. */
    private static final String DONE_WHEN = """
            import xmlrpc.client
            s = xmlrpc.client.ServerProxy("http://localhost:10080/RPC2")
            print(s.system.listMethods())
            print(s.add(2, 3), s.arp.lookup("10.0.0.1"))
            """;
    private static final String NC_REQUEST = "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[2,3],\"id\":1}\n";
    private static final Duration SOON = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void theIssuesPythonProgramAndNetcatCallTheMethodsAsTheDocsShow() throws Exception {
        String python = Tools.require(Path.of("/usr/bin/python3"));
        String nc = Tools.require("nc.openbsd");
        String docs = Files.readString(Launched.ROOT.resolve("docs/services.md"));
        assertThat(docs).contains("$ cat lab_rpc.py\n" + DONE_WHEN + "$ python3 lab_rpc.py\n");
        // IPv4 alone, so that localhost's ::1, tried first, is refused rather than reaching an IPv6 port of another.
        try (Launched server = Launched.socklab("serve", "http:0", "rpc:0", "--ipv4-only")) {
            int http = server.boundPort("http", "tcp", "127.0.0.1");
            int rpc = server.boundPort("rpc", "tcp", "127.0.0.1");

            Path program = Files.writeString(dir.resolve("lab_rpc.py"),
                    DONE_WHEN.replace(":10080/", ":" + http + "/"));
            try (LabProgram lab = LabProgram.start(List.of(python, program.toString()))) {
                String printed = lab.outputUntilExit(SOON);
                assertThat(lab.exitCode()).as(printed).isZero();
                assertThat(docs).as("docs/services.md shows what it prints")
                        .contains("$ python3 lab_rpc.py\n" + printed + "```");
                assertThat(printed).endsWith("\n5 Not Found\n");
            }

            try (LabProgram call = LabProgram.start(List.of(nc, "-N", "127.0.0.1", String.valueOf(rpc)))) {
                call.input(NC_REQUEST);
                assertThat(call.outputUntilExit(SOON)).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":1}\n");
            }
            assertThat(docs).contains("$ printf '" + NC_REQUEST.replace("\n", "\\n") + "' | nc -N localhost 10111\n"
                    + "{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":1}\n");
            server.awaitLine(line -> line.contains("POST /RPC2 200"), SOON);
            server.awaitLine(line -> line.matches(".*rpc#\\d+ tcp 127\\.0\\.0\\.1:\\d+ -> 127\\.0\\.0\\.1:" + rpc
                    + " closed by client .*"), SOON);
        }
    }
}
