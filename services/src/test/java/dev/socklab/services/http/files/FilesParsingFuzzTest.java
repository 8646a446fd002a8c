package dev.socklab.services.http.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.socklab.http.HttpException;

/** What a client puts in a request's path and its Range field, arbitrary: see docs/security.md. */
class FilesParsingFuzzTest {
    /**
     * The bytes as the head parser hands them over (ISO-8859-1): either a 400, or names that each
     * stay one step inside the directory they are looked up in, and that encode and read back.
     */
    @FuzzTest(maxDuration = "30s")
    void requestPathParseGivesNamesThatCannotClimbOut(byte[] data) throws HttpException {
        RequestPath path;
        try {
            path = RequestPath.parse(new String(data, StandardCharsets.ISO_8859_1));
        } catch (HttpException e) {
            assertThat(e.status()).isEqualTo(400);
            return;
        }
        for (String name : path.segments()) {
            assertThat(name).isNotEmpty().isNotIn(".", "..").doesNotContain("/", "\\", "\0");
            assertThat(name.chars().noneMatch(Character::isISOControl)).isTrue();
        }
        assertThat(RequestPath.parse(path.encoded())).isEqualTo(path);
    }

    /** The first 8 bytes give the file's size, the rest the field: a part is always inside the file. */
    @FuzzTest(maxDuration = "30s")
    void rangeRequestParseGivesAPartInsideTheFile(byte[] data) {
        if (data.length < Long.BYTES) {
            return;
        }
        long size = ByteBuffer.wrap(data, 0, Long.BYTES).getLong() & Long.MAX_VALUE;
        String field = new String(Arrays.copyOfRange(data, Long.BYTES, data.length), StandardCharsets.ISO_8859_1);
        if (RangeRequest.parse(field, size) instanceof RangeRequest.Part part) {
            assertThat(part.first()).isNotNegative().isLessThanOrEqualTo(part.last());
            assertThat(part.last()).isLessThan(size);
        }
    }
}
