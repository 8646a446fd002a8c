package dev.socklab.services.tftp;

import java.nio.file.Path;

import dev.socklab.net.PortRange;
import dev.socklab.services.storage.UploadLimits;

/**
 * The tftp service's settings, each a {@code socklab serve} option.
 *
 * @param root the directory served ({@code --tftp-root})
 * @param write whether an upload may replace an existing file ({@code --tftp-write})
 * @param create whether an upload may also create a file ({@code --tftp-create}, tftpd-hpa's {@code -c})
 * @param maxBlockSize the largest {@code blksize} granted, 8 to 65464 ({@code --tftp-max-blksize})
 * @param maxWindowSize the largest {@code windowsize} granted, 1 to 65535 ({@code --tftp-max-windowsize})
 * @param maxTransfers transfers at once, over all sources ({@code --tftp-max-transfers})
 * @param maxTransfersPerSource transfers at once with one source ({@code --tftp-max-transfers-per-source})
 * @param ports the ports a transfer's own socket may take ({@code --port-range})
 * @param uploads how much one upload and one source may store ({@code --tftp-max-upload},
 *     {@code --tftp-quota-per-source})
 */
public record TftpSettings(Path root, boolean write, boolean create, int maxBlockSize, int maxWindowSize,
        int maxTransfers, int maxTransfersPerSource, PortRange ports, UploadLimits uploads) {
    /** tftpd-hpa's suggested {@code -B}: a block that fits an Ethernet frame with its headers. */
    public static final int DEFAULT_MAX_BLOCK_SIZE = 1468;
    /** The largest window granted unless told otherwise. */
    public static final int DEFAULT_MAX_WINDOW_SIZE = 16;
    /** Transfers at once, in all and with one source, unless told otherwise. */
    public static final int DEFAULT_MAX_TRANSFERS = 256;
    public static final int DEFAULT_MAX_TRANSFERS_PER_SOURCE = 8;
    /** RFC 2348's and RFC 7440's bounds, which the caps must stay within. */
    public static final int MIN_BLOCK_SIZE = TransferOptions.MIN_BLOCK_SIZE;
    public static final int MAX_BLOCK_SIZE = TransferOptions.MAX_BLOCK_SIZE;
    public static final int MAX_WINDOW_SIZE = TransferOptions.MAX_WINDOW_SIZE;
}
