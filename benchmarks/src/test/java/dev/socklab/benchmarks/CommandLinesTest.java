package dev.socklab.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The comparison's and the baseline's command lines as their scripts call them: help, mistakes, exit codes. */
class CommandLinesTest {

    @Test
    void compareHelpListsEveryDocumentedFlag() {
        Run run = run(new Compare(), "--help");

        assertThat(run.code).isZero();
        assertThat(run.out).startsWith("Usage: benchmarks/compare ")
                .contains("--duration", "--rounds", "--only", "--out", "--root", "connect, udp, idle", "--engines",
                        "epoll,jdk", "--strace");
        assertThat(run.out.lines()).allMatch(line -> line.length() <= 80, "fits 80 columns");
    }

    @Test
    void aCompareMistakeExitsTwoWithTheSentenceAndTheUsage() {
        Run run = run(new Compare(), "--rounds", "0", "--only", "udp");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("--rounds takes a whole number of 1 or more, not '0'", "Usage: benchmarks/compare");
        assertThat(run.out).isEmpty();
    }

    @Test
    void compareTlsHelpListsEveryFlagInEightyColumns() {
        Run run = run(new CompareTls(), "--help");

        assertThat(run.code).isZero();
        assertThat(run.out).startsWith("Usage: benchmarks/compare-tls ")
                .contains("--duration", "--warmup", "--rounds", "--servers", "socklab, netty, nginx", "--out", "--root");
        assertThat(run.out.lines()).allMatch(line -> line.length() <= 80, "fits 80 columns");
    }

    @Test
    void aCompareTlsMistakeExitsTwoNamingTheServersThereAre() {
        Run run = run(new CompareTls(), "--servers", "socklab,caddy");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("unknown server 'caddy': choose from socklab, netty, nginx");
    }

    @Test
    void compareFilesHelpListsEveryFlagInEightyColumns() {
        Run run = run(new CompareFiles(), "--help");

        assertThat(run.code).isZero();
        assertThat(run.out).startsWith("Usage: benchmarks/compare-files ")
                .contains("--rounds", "--servers", "socklab, tftpd-hpa, atftpd, vsftpd", "--tftp-mib", "--tftp-lockstep-mib",
                        "--ftp-mib", "--strace", "--out", "--root");
        assertThat(run.out.lines()).allMatch(line -> line.length() <= 80, "fits 80 columns");
    }

    @Test
    void aCompareFilesMistakeExitsTwoWithTheSentence() {
        assertThat(run(new CompareFiles(), "--servers", "socklab,proftpd").err)
                .contains("unknown server 'proftpd': choose from socklab, tftpd-hpa, atftpd, vsftpd");
        Run run = run(new CompareFiles(), "--ftp-mib", "0");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("a size is a whole number of MiB from 1 to 65536, not '0'");
    }

    @Test
    void compareRpcHelpListsEveryFlagInEightyColumns() {
        Run run = run(new CompareRpc(), "--help");

        assertThat(run.code).isZero();
        assertThat(run.out).startsWith("Usage: benchmarks/compare-rpc ")
                .contains("--rounds", "--connections", "--size", "--servers", "python-xmlrpc", "python-jsonrpc-tcp",
                        "python-jsonrpc-http", "--out", "--root");
        assertThat(run.out.lines()).allMatch(line -> line.length() <= 80, "fits 80 columns");
    }

    @Test
    void aCompareRpcMistakeExitsTwoWithTheSentence() {
        assertThat(run(new CompareRpc(), "--servers", "socklab,grpc").err)
                .contains("unknown server 'grpc': choose from socklab, python-xmlrpc, python-jsonrpc-tcp, python-jsonrpc-http");
        Run run = run(new CompareRpc(), "--connections", "0");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("--connections takes a whole number from 1 to 1000, not '0'");
    }

    @Test
    void theBaselineTlsEchoWithoutItsFilesExitsTwoSayingWhichToGive() {
        Run run = run(new NettyBaseline(), "--tls-echo", "0", "--tls-cert", "cert.pem");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("--tls-echo needs --tls-cert FILE and --tls-key FILE");
    }

    @Test
    void baselineHelpFitsEightyColumns() {
        Run run = run(new NettyBaseline(), "--help");

        assertThat(run.code).isZero();
        assertThat(run.out).contains("--bind", "--echo", "--hello", "--udp-echo", "--tls-echo", "--tls-cert", "--tls-key");
        assertThat(run.out.lines()).allMatch(line -> line.length() <= 80, "fits 80 columns");
    }

    @Test
    void theBaselineWithNoServiceExitsTwoSayingWhatToGive() {
        Run run = run(new NettyBaseline(), "--bind", "127.0.0.1");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("no service to serve: give --echo, --hello or --udp-echo a port");
    }

    @Test
    void theBaselineRefusesAPortOutOfRange() {
        Run run = run(new NettyBaseline(), "--hello", "70000");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("--hello", "a port is from 0 to 65535, not '70000'");
    }

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {
    }
}
