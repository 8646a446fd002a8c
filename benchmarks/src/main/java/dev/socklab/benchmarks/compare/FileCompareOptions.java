package dev.socklab.benchmarks.compare;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The file-transfer comparison's options, read by picocli into the command that mixes them in; each checked as it is read. */
public final class FileCompareOptions {
    @Option(names = "--rounds", paramLabel = "N", converter = CompareOptions.Rounds.class,
            description = "Measured runs of each case on each server, the servers in turn; the best counts"
                    + " (default: 3, after one warm-up run).")
    private int rounds = 3;

    @Option(names = "--servers", paramLabel = "LIST", split = ",", converter = Server.class,
            description = "The servers to run: socklab, tftpd-hpa, atftpd, vsftpd (default: all).")
    private Set<FileServer> servers = new LinkedHashSet<>(List.of(FileServer.values()));

    @Option(names = "--tftp-mib", paramLabel = "N", converter = Mebibytes.class,
            description = "The TFTP file at windowsize 16, in MiB (default: 200).")
    private int windowedMib = 200;

    @Option(names = "--tftp-lockstep-mib", paramLabel = "N", converter = Mebibytes.class,
            description = "The TFTP file at windowsize 1, in MiB (default: 40).")
    private int lockStepMib = 40;

    @Option(names = "--ftp-mib", paramLabel = "N", converter = Mebibytes.class,
            description = "The FTP file, in MiB (default: 1024).")
    private int ftpMib = 1024;

    @Option(names = "--strace", description = "Also count each server's system calls per MB with strace, in"
            + " one more run of each case; it never counts toward the best.")
    private boolean strace;

    @Mixin
    private ReportOptions report = new ReportOptions();

    int rounds() {
        return rounds;
    }

    /** The servers asked for, in the running order of {@link FileServer}. */
    List<FileServer> servers() {
        return Arrays.stream(FileServer.values()).filter(servers::contains).toList();
    }

    /** The cases, with the sizes asked for. */
    List<FileCase> cases() {
        return FileCase.all(lockStepMib, windowedMib, ftpMib);
    }

    boolean strace() {
        return strace;
    }

    /** The checkout it runs and where it writes its report. */
    ReportOptions report() {
        return report;
    }

    /** A server by its label, in any case. */
    static final class Server implements ITypeConverter<FileServer> {
        @Override
        public FileServer convert(String text) {
            String name = text.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(FileServer.values()).filter(s -> s.label().equals(name)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("unknown server '" + text.strip() + "': choose from "
                            + String.join(", ", Arrays.stream(FileServer.values()).map(FileServer::label).toList())));
        }
    }

    /** A file size in whole MiB, from 1 to 65536 (64 GiB). */
    static final class Mebibytes implements ITypeConverter<Integer> {
        private static final int MOST = 65536;

        @Override
        public Integer convert(String text) {
            try {
                int n = Integer.parseInt(text.strip());
                if (n >= 1 && n <= MOST) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("a size is a whole number of MiB from 1 to " + MOST + ", not '" + text + "'");
        }
    }
}
