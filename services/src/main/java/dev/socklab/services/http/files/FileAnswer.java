package dev.socklab.services.http.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.services.http.Exchange;

/**
 * A GET or HEAD of a regular file: 304 when the client's copy is current, else the file, whole
 * (200) or the one part it asks for (206, or 416 past its end), sent from the file to the socket
 * without passing through the heap. Every answer carries the file's validators and
 * {@code Accept-Ranges: bytes}.
 */
final class FileAnswer {
    private FileAnswer() {
    }

    /** Answers {@code exchange} with {@code file}. */
    static void send(Exchange exchange, Root.Entry file) throws IOException, HttpException {
        Fields request = exchange.request().fields();
        Validators validators = Validators.of(file.attributes());
        if (validators.notModified(request)) {
            exchange.respond(304, validators.fields(), new byte[0]);
            return;
        }
        try (FileChannel channel = open(file)) {
            // The size now, not when the attributes were read: the channel sends what the file holds.
            long size = channel.size();
            Fields fields = Fields.of("Content-Type", ContentTypes.of(file.path().getFileName().toString()),
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

    private static FileChannel open(Root.Entry file) throws IOException, HttpException {
        try {
            return FileChannel.open(file.path(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new HttpException(404, "no such file");
        } catch (AccessDeniedException e) {
            throw new HttpException(403, "the server may not read this file");
        } catch (FileSystemException e) {
            throw new HttpException(404, "no such file"); // made a link since it was found: O_NOFOLLOW refused it
        }
    }
}
