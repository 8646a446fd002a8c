package dev.socklab.services.tftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import dev.socklab.service.DatagramExchange;
import dev.socklab.service.DatagramSession;
import dev.socklab.services.storage.FileRoot;
import dev.socklab.services.storage.StorageException;
import dev.socklab.services.storage.StoragePath;
import dev.socklab.text.Visible;
import dev.socklab.tftp.ErrorCode;
import dev.socklab.tftp.Packet;
import dev.socklab.tftp.PacketCodec;
import dev.socklab.tftp.TftpException;

/**
 * One transfer on its own socket (its transfer ID): the request's file found or refused, the
 * options negotiated, then the file sent ({@link Sender}) or received ({@link Receiver}). A refusal
 * or a failure ends with one ERROR to the peer; an upload that does not complete leaves nothing
 * under its name. A packet from any other port is answered with ERROR 5 and changes nothing.
 */
final class TftpTransfer implements DatagramExchange {
    private final Packet.Request request;
    private final FileRoot root;
    private final TftpSettings settings;
    /** The service's count of transfers in progress. */
    private final AtomicInteger inProgress;

    TftpTransfer(Packet.Request request, FileRoot root, TftpSettings settings, AtomicInteger inProgress) {
        this.inProgress = inProgress;
        this.request = request;
        this.root = root;
        this.settings = settings;
    }

    @Override
    public void serve(DatagramSession session) throws IOException {
        String name = (request.write() ? "WRQ " : "RRQ ") + Visible.of(request.filename());
        inProgress.incrementAndGet();
        try {
            if (request.write()) {
                write(session);
            } else {
                read(session);
            }
            session.log().info("{} {} done", name, request.mode());
        } catch (TftpException e) {
            refuse(session, name, e.code(), e.getMessage());
        } catch (StorageException e) {
            refuse(session, name, code(e.kind()), e.getMessage());
        } catch (CancelledByPeer e) {
            session.log().info("{} cancelled by the client: {}", name, Visible.of(e.getMessage()));
        } finally {
            inProgress.decrementAndGet();
        }
    }

    @Override
    public Optional<ByteBuffer> answerStranger(ByteBuffer payload) {
        // Never an ERROR for an ERROR: two servers would answer each other for ever.
        boolean error = payload.remaining() >= 2 && payload.getShort(payload.position()) == PacketCodec.ERROR;
        return error ? Optional.empty()
                : Optional.of(PacketCodec.error(ErrorCode.UNKNOWN_TRANSFER_ID, "unknown transfer ID"));
    }

    private void read(DatagramSession session) throws IOException, TftpException, CancelledByPeer {
        try (FileChannel file = root.openRead(path())) {
            boolean octet = request.mode().equals("octet");
            // A netascii file's size on the wire is known only once it is sent, so its tsize is left unanswered.
            TransferOptions options = TransferOptions.negotiate(request, settings.maxBlockSize(),
                    settings.maxWindowSize(), octet ? OptionalLong.of(file.size()) : OptionalLong.empty());
            new Sender(session, octet ? BlockSource.octet(file) : new NetasciiEncoder(file), options).run();
        }
    }

    private void write(DatagramSession session) throws IOException, TftpException, CancelledByPeer {
        if (!settings.write() && !settings.create()) {
            throw new TftpException(ErrorCode.ACCESS_VIOLATION,
                    "this server is read-only: it takes uploads with --tftp-write or --tftp-create");
        }
        StoragePath path = path();
        TransferOptions options = TransferOptions.negotiate(request, settings.maxBlockSize(),
                settings.maxWindowSize(), OptionalLong.empty());
        if (options.size().orElse(0) > settings.uploads().maxUploadBytes()) {
            throw new TftpException(ErrorCode.DISK_FULL, "the file is larger than the server takes ("
                    + settings.uploads().maxUploadBytes() + " bytes)");
        }
        try (FileRoot.Upload upload = root.startUpload(path, settings.create(), true, 0, session.peer())) {
            BlockSink sink = request.mode().equals("octet") ? BlockSink.octet(upload) : new NetasciiDecoder(upload);
            ByteBuffer goAhead = options.taken().isEmpty() ? PacketCodec.ack(0) : PacketCodec.optionAck(options.taken());
            new Receiver(session, sink, upload, options).run(goAhead);
        }
    }

    private StoragePath path() throws StorageException {
        return root.resolve(StoragePath.ROOT, request.filename());
    }

    private static void refuse(DatagramSession session, String name, ErrorCode code, String message)
            throws IOException {
        session.log().info("{} ended with ERROR {}: {}", name, code.code(), message);
        session.send(PacketCodec.error(code, message));
    }

    private static ErrorCode code(StorageException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> ErrorCode.FILE_NOT_FOUND;
            case DENIED, BAD_NAME -> ErrorCode.ACCESS_VIOLATION;
            case EXISTS -> ErrorCode.FILE_EXISTS;
            case QUOTA, DISK_FULL -> ErrorCode.DISK_FULL;
        };
    }
}
