package dev.socklab.services.tftp;

import java.io.IOException;
import java.net.BindException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramService;
import dev.socklab.service.Gauge;
import dev.socklab.service.Gauges;
import dev.socklab.services.Reloadable;
import dev.socklab.services.ServiceReload;
import dev.socklab.services.ServiceSettings;
import dev.socklab.services.storage.FileRoot;
import dev.socklab.tftp.ErrorCode;
import dev.socklab.tftp.Packet;
import dev.socklab.tftp.PacketCodec;
import dev.socklab.tftp.TftpException;

/**
 * Trivial File Transfer Protocol, RFC 1350, with options (RFC 2347, 2348, 2349, 7440): a RRQ or WRQ
 * on the service's port opens a transfer on a socket of its own ({@link TftpTransfer}), within the
 * service's limits on transfers at once, in all and per source. The service's port itself answers
 * only with an ERROR, and never with more bytes than the request had (its message cut to fit), so
 * it reflects nothing: a refused transfer gets ERROR 0, a malformed request ERROR 4 or 2.
 */
public final class TftpService implements DatagramService, Gauges, Reloadable {
    private static final Set<String> MODES = Set.of("octet", "netascii");

    private final FileRoot root;
    /** Swapped whole by a reload; each request reads it once. */
    private volatile TftpSettings settings;
    private final AtomicInteger transfers = new AtomicInteger();

    private TftpService(FileRoot root, TftpSettings settings) {
        this.root = root;
        this.settings = settings;
    }

    /**
     * The service serving {@code settings}' root.
     *
     * @throws dev.socklab.runtime.SettingException if the root is not a directory it can read
     */
    public static TftpService of(TftpSettings settings) {
        return new TftpService(FileRoot.of(settings.root(), "--tftp-root", settings.uploads()), settings);
    }

    /**
     * Takes the largest block and window granted, the limits on transfers at once and the largest
     * upload anew, for requests from then on (transfers under way keep theirs), and each source's
     * quota at once, against what it has stored so far; the root, what may be written and the ports
     * stay as they were made.
     */
    @Override
    public ServiceReload reload(ServiceSettings fresh) {
        TftpSettings before = settings;
        TftpSettings asked = fresh.tftp();
        TftpSettings next = new TftpSettings(before.root(), before.write(), before.create(), asked.maxBlockSize(),
                asked.maxWindowSize(), asked.maxTransfers(), asked.maxTransfersPerSource(), before.ports(),
                asked.uploads());
        List<String> changes = ServiceReload.changes("tftp", before, next,
                new ServiceReload.Setting<>("--tftp-max-blksize", TftpSettings::maxBlockSize),
                new ServiceReload.Setting<>("--tftp-max-windowsize", TftpSettings::maxWindowSize),
                new ServiceReload.Setting<>("--tftp-max-transfers", TftpSettings::maxTransfers),
                new ServiceReload.Setting<>("--tftp-max-transfers-per-source", TftpSettings::maxTransfersPerSource),
                new ServiceReload.Setting<>("--tftp-max-upload", s -> s.uploads().maxUploadBytes()),
                new ServiceReload.Setting<>("--tftp-quota-per-source", s -> s.uploads().maxBytesPerSource()));
        return new ServiceReload(changes, () -> {
            settings = next;
            root.limits(next.uploads());
        });
    }

    @Override
    public List<Gauge> gauges() {
        return List.of(new Gauge("transfers_in_progress", "File transfers in progress now.", transfers::get));
    }

    @Override
    public void serve(Datagram datagram) throws IOException {
        ByteBuffer payload = datagram.payload();
        int size = payload.remaining();
        Packet packet;
        try {
            packet = PacketCodec.decode(payload);
        } catch (TftpException e) {
            refuse(datagram, e.code(), e.getMessage(), size);
            return;
        }
        switch (packet) {
            case Packet.Request request when !MODES.contains(request.mode()) -> refuse(datagram,
                    ErrorCode.ILLEGAL_OPERATION, "mode " + request.mode() + " is not served: use octet or netascii", size);
            case Packet.Request request -> open(datagram, request, size);
            // Never an ERROR for an ERROR: two servers would answer each other for ever.
            case Packet.Error _ -> { }
            default -> refuse(datagram, ErrorCode.ILLEGAL_OPERATION, "this port takes only RRQ and WRQ", size);
        }
    }

    private void open(Datagram datagram, Packet.Request request, int size) throws IOException {
        TftpSettings now = settings;
        try {
            if (!datagram.openSession(new TftpTransfer(request, root, now, transfers), now.ports())) {
                refuse(datagram, ErrorCode.NOT_DEFINED, "too many transfers", size);
            }
        } catch (BindException e) {
            refuse(datagram, ErrorCode.NOT_DEFINED, "no free port for the transfer", size);
        }
    }

    private static void refuse(Datagram datagram, ErrorCode code, String message, int requestBytes) throws IOException {
        ByteBuffer error = PacketCodec.error(code, message, requestBytes);
        if (error.hasRemaining()) {
            datagram.reply(error);
        }
    }

    /** No more than the request: the port's only reply is an ERROR, cut to fit. */
    @Override
    public int maxReplyBytes(int requestBytes) {
        return requestBytes;
    }

    @Override
    public int maxSessions() {
        return settings.maxTransfers();
    }

    @Override
    public int maxSessionsPerSource() {
        return settings.maxTransfersPerSource();
    }
}
