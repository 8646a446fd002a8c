package dev.socklab.services.http.files;

import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpDate;

/**
 * What tells one version of a file from another (RFC 9110 §8.8), and the conditions a request
 * puts on them (§13). The entity tag is strong, made of the file's size and its modification time
 * to the nanosecond, {@code "<hex size>-<hex nanoseconds>"}: a file rewritten with other bytes of the
 * same size within one second of the last write, which {@code Last-Modified} cannot tell apart,
 * still gets a new tag.
 *
 * @param etag the entity tag, quotes included
 * @param lastModified the modification time, to the second as {@code Last-Modified} gives it
 */
record Validators(String etag, Instant lastModified) {
    /** The validators of a file with {@code attributes}. */
    static Validators of(BasicFileAttributes attributes) {
        long nanos = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        String etag = '"' + Long.toHexString(attributes.size()) + '-' + Long.toHexString(nanos) + '"';
        return new Validators(etag, attributes.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS));
    }

    /** {@code ETag} and {@code Last-Modified}, for every response about the file. */
    Fields fields() {
        return Fields.of("ETag", etag, "Last-Modified", HttpDate.format(lastModified));
    }

    /**
     * Whether a GET or HEAD with {@code request}'s fields is answered with 304 (RFC 9110 §13.2.2):
     * {@code If-None-Match} lists this tag or {@code *} (compared weakly); without it,
     * {@code If-Modified-Since} is a valid date no earlier than the file's.
     */
    boolean notModified(Fields request) {
        List<String> noneMatch = request.values("If-None-Match");
        if (!noneMatch.isEmpty()) {
            return noneMatch.stream().anyMatch(value -> value.strip().equals("*") || EntityTags.lists(value, etag, false));
        }
        Optional<Instant> since = request.first("If-Modified-Since").flatMap(HttpDate::parse);
        return since.isPresent() && !lastModified.isAfter(since.get());
    }

    /**
     * Whether a {@code Range} in {@code request} still applies (RFC 9110 §13.1.5): there is no
     * {@code If-Range}, or it names this version, by a strongly equal tag or by exactly the
     * {@code Last-Modified} date. Otherwise the client's part is of another version, and it gets
     * the whole file.
     */
    boolean rangeApplies(Fields request) {
        Optional<String> ifRange = request.first("If-Range");
        if (ifRange.isEmpty()) {
            return true;
        }
        String value = ifRange.get();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return EntityTags.lists(value, etag, true);
        }
        return HttpDate.parse(value).filter(lastModified::equals).isPresent();
    }
}
