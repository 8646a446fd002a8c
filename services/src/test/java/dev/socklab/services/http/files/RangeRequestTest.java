package dev.socklab.services.http.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RangeRequestTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bytes=0-9       | 0  | 9",
        "bytes=10-       | 10 | 99",
        "bytes=-10       | 90 | 99",
        "bytes=-1000     | 0  | 99",
        "bytes=95-1000   | 95 | 99",
        "bytes=99-99     | 99 | 99",
        "BYTES=5-6       | 5  | 6",
        "bytes=0-99999999999999999999999 | 0 | 99",
    })
    void aSingleRangeIsAPartOfTheFile(String field, long first, long last) {
        assertThat(RangeRequest.parse(field, 100)).isEqualTo(new RangeRequest.Part(first, last));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=100-", "bytes=100-200", "bytes=-0", "bytes=99999999999999999999-"})
    void aRangeThatStartsPastTheEndOrHasNoBytesIsUnsatisfiable(String field) {
        assertThat(RangeRequest.parse(field, 100)).isEqualTo(new RangeRequest.Unsatisfiable());
    }

    @Test
    void everyRangeOfAnEmptyFileIsUnsatisfiable() {
        assertThat(RangeRequest.parse("bytes=0-", 0)).isEqualTo(new RangeRequest.Unsatisfiable());
        assertThat(RangeRequest.parse("bytes=-5", 0)).isEqualTo(new RangeRequest.Unsatisfiable());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "bytes=0-1,5-6", "bytes=0-1, 200-", "items=0-9", "bytes 0-9", "bytes=", "bytes=-", "bytes=9-0",
        "bytes=a-b", "bytes=1-2-3", "bytes=+1-2", "bytes=--1", ""
    })
    void severalRangesOrAnythingElseIsIgnoredForTheWholeFile(String field) {
        assertThat(RangeRequest.parse(field, 100)).isEqualTo(new RangeRequest.Whole());
    }
}
