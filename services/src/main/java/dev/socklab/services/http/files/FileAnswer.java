package dev.socklab.services.http.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.attribute.BasicFileAttributes;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.storage.FileRoot;
import dev.socklab.services.storage.StorageException;
import dev.socklab.services.storage.StoragePath;

/**
 * A GET or HEAD of a regular file: 304 when the client's copy is current, else the file, whole
 * (200) or the one part it asks for (206, or 416 past its end), sent from the file to the socket
 * without passing through the heap. Every answer carries the file's validators and
 * {@code Accept-Ranges: bytes}.
 */
final class FileAnswer {
    private FileAnswer() {
    }

    /** Answers {@code exchange} with {@code file}, a regular file under {@code root} with {@code attributes}. */
    static void send(Exchange exchange, FileRoot root, StoragePath file, BasicFileAttributes attributes)
            throws IOException, HttpException {
        Fields request = exchange.request().fields();
        Validators validators = Validators.of(attributes);
        if (validators.notModified(request)) {
            exchange.respond(304, validators.fields(), new byte[0]);
            return;
        }
        try (FileChannel channel = open(root, file)) {
            // The size now, not when the attributes were read: the channel sends what the file holds.
            long size = channel.size();
            Fields fields = Fields.of("Content-Type", ContentTypes.of(file.name()),
                    "Accept-Ranges", "bytes", "X-Content-Type-Options", "nosniff").with(validators.fields());
            RangeRequest range = request.first("Range").filter(r -> validators.rangeApplies(request))
                    .map(r -> RangeRequest.parse(r, size)).orElse(new RangeRequest.Whole());
            switch (range) {
                case RangeRequest.Whole whole -> exchange.respond(200, fields, channel, 0, size);
                case RangeRequest.Part part -> exchange.respond(206,
                        fields.with("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + size),
                        channel, part.first(), part.length());
                case RangeRequest.Unsatisfiable none -> PlainText.respond(exchange, 416,
                        Fields.of("Content-Range", "bytes */" + size, "Accept-Ranges", "bytes"),
                        "the range asked for starts past the end of the file, which is " + size + " bytes long");
            }
        }
    }

    private static FileChannel open(FileRoot root, StoragePath file) throws HttpException {
        try {
            return root.openRead(file);
        } catch (StorageException e) {
            // Gone or made a link since it was found (O_NOFOLLOW refused it): 404; not ours to read: 403.
            throw e.kind() == StorageException.Kind.NOT_FOUND ? new HttpException(404, "no such file")
                    : new HttpException(403, "the server may not read this file");
        }
    }
}
