package dev.socklab.benchmarks.compare;

/** The two protocols of the file-transfer comparison, and the client each is measured with. */
enum FileProtocol {
    /** TFTP over UDP, read with atftp, which asks for {@code blksize} and {@code windowsize}. */
    TFTP,
    /** FTP over TCP, passive, read with curl. */
    FTP
}
