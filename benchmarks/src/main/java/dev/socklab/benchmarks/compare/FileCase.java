package dev.socklab.benchmarks.compare;

import java.util.List;

/**
 * One row group of the file-transfer comparison: a TFTP read at a window size, or an FTP
 * {@code RETR}, of one file made for it.
 *
 * @param protocol   the protocol the case runs over
 * @param windowSize the TFTP {@code windowsize} asked for (RFC 7440); 0 for FTP
 * @param file       the file's name in the served directory
 * @param bytes      its size
 */
record FileCase(FileProtocol protocol, int windowSize, String file, long bytes) {
    /** The TFTP block size every TFTP case asks for: tftpd-hpa's suggestion for Ethernet, and socklab's default cap. */
    static final int BLOCK_SIZE = 1468;
    private static final long MIB = 1024 * 1024;

    /** TFTP at windowsize 1 (lock-step), TFTP at windowsize 16, FTP RETR: of the sizes given in MiB. */
    static List<FileCase> all(int lockStepMib, int windowedMib, int ftpMib) {
        return List.of(new FileCase(FileProtocol.TFTP, 1, "tftp-window-1.bin", lockStepMib * MIB),
                new FileCase(FileProtocol.TFTP, 16, "tftp-window-16.bin", windowedMib * MIB),
                new FileCase(FileProtocol.FTP, 0, "ftp-retr.bin", ftpMib * MIB));
    }

    /** The case's name in log files: its file's name without {@code .bin}. */
    String slug() {
        return file.substring(0, file.lastIndexOf('.'));
    }

    /** The row's name in the table: {@code TFTP 200 MiB, blksize 1468, windowsize 16}. */
    String label() {
        String size = bytes % MIB == 0 ? bytes / MIB + " MiB" : bytes + " B";
        return protocol == FileProtocol.TFTP ? "TFTP " + size + ", blksize " + BLOCK_SIZE + ", windowsize " + windowSize
                : "FTP RETR " + size + ", passive, binary";
    }
}
