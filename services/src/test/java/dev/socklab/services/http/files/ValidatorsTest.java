package dev.socklab.services.http.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.http.Fields;

class ValidatorsTest {
    private static final Validators FILE = new Validators("\"64-1\"", Instant.parse("2026-03-04T05:06:07Z"));

    @Test
    void theTagIsStrongAndMadeOfTheSizeAndTheTimeToTheNanosecond(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("f"), new byte[100]);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-03-04T05:06:07.123456789Z")));
        Validators validators = Validators.of(Files.readAttributes(file, BasicFileAttributes.class));
        // The file system may keep less than nanoseconds; the tag keeps whatever it keeps.
        long kept = Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS);
        assertThat(validators.etag()).isEqualTo("\"64-" + Long.toHexString(kept) + "\"");
        assertThat(validators.lastModified()).isEqualTo(Instant.parse("2026-03-04T05:06:07Z"));
        assertThat(validators.fields().first("Last-Modified")).contains("Wed, 04 Mar 2026 05:06:07 GMT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"64-1\"", "W/\"64-1\"", "*", "\"x\", \"64-1\"", "\"a,b\" , W/\"64-1\""})
    void ifNoneMatchListingTheTagWeaklyOrAStarIsNotModified(String value) {
        assertThat(FILE.notModified(Fields.of("If-None-Match", value))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"64-2\"", "\"64-1", "64-1", "\"a,\"64-1\"\"", "W/ \"64-1\""})
    void ifNoneMatchWithoutTheTagIsModified(String value) {
        assertThat(FILE.notModified(Fields.of("If-None-Match", value))).isFalse();
    }

    @Test
    void ifModifiedSinceCountsOnlyWithoutIfNoneMatch() {
        String same = "Wed, 04 Mar 2026 05:06:07 GMT";
        String before = "Wed, 04 Mar 2026 05:06:06 GMT";
        assertThat(FILE.notModified(Fields.of("If-Modified-Since", same))).isTrue();
        assertThat(FILE.notModified(Fields.of("If-Modified-Since", "Thu, 05 Mar 2026 00:00:00 GMT"))).isTrue();
        assertThat(FILE.notModified(Fields.of("If-Modified-Since", before))).isFalse();
        assertThat(FILE.notModified(Fields.of("If-Modified-Since", "not a date"))).isFalse();
        // If-None-Match takes precedence (RFC 9110 §13.1.3): a tag that differs means modified.
        assertThat(FILE.notModified(Fields.of("If-None-Match", "\"other\"", "If-Modified-Since", same))).isFalse();
        assertThat(FILE.notModified(Fields.none())).isFalse();
    }

    @Test
    void ifRangeNeedsAStronglyEqualTagOrExactlyTheDate() {
        assertThat(FILE.rangeApplies(Fields.none())).isTrue();
        assertThat(FILE.rangeApplies(Fields.of("If-Range", "\"64-1\""))).isTrue();
        assertThat(FILE.rangeApplies(Fields.of("If-Range", "W/\"64-1\""))).isFalse();
        assertThat(FILE.rangeApplies(Fields.of("If-Range", "\"64-2\""))).isFalse();
        assertThat(FILE.rangeApplies(Fields.of("If-Range", "Wed, 04 Mar 2026 05:06:07 GMT"))).isTrue();
        assertThat(FILE.rangeApplies(Fields.of("If-Range", "Wed, 04 Mar 2026 05:06:08 GMT"))).isFalse();
        assertThat(FILE.rangeApplies(Fields.of("If-Range", "garbage"))).isFalse();
    }
}
