package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpVersion;
import dev.socklab.http.ResponseHead;

class ResumptionTest {
    @Test
    void aPartFromTheFilesEndIsAppended() throws Exception {
        assertThat(Resumption.of(100, head(206, "Content-Range", "bytes 100-199/200"))).isEqualTo(Resumption.APPEND);
    }

    @Test
    void aPartFromAnywhereElseIsRefusedRatherThanAppended() {
        assertThatThrownBy(() -> Resumption.of(100, head(206, "Content-Range", "bytes 0-199/200")))
                .isInstanceOf(BadResponseException.class).hasMessageContaining("byte 100");
        assertThatThrownBy(() -> Resumption.of(100, head(206)))
                .isInstanceOf(BadResponseException.class).hasMessageContaining("missing");
    }

    @Test
    void theWholeFileIsWrittenAgain() throws Exception {
        assertThat(Resumption.of(100, head(200))).isEqualTo(Resumption.RESTART);
    }

    @Test
    void nothingSatisfiableMeansCompleteWhenTheLengthsAgree() throws Exception {
        assertThat(Resumption.of(200, head(416, "Content-Range", "bytes */200"))).isEqualTo(Resumption.COMPLETE);
        assertThat(Resumption.of(200, head(416))).isEqualTo(Resumption.COMPLETE);
        assertThat(Resumption.of(300, head(416, "Content-Range", "bytes */200"))).isEqualTo(Resumption.NONE);
    }

    @Test
    void anyOtherAnswerLeavesTheFile() throws Exception {
        assertThat(Resumption.of(100, head(404))).isEqualTo(Resumption.NONE);
        assertThat(Resumption.of(100, head(304))).isEqualTo(Resumption.NONE);
    }

    @Test
    void theCompleteLengthComesFromContentRange() {
        assertThat(Resumption.completeLength(head(206, "Content-Range", "bytes 0-9/1234"))).hasValue(1234);
        assertThat(Resumption.completeLength(head(206, "Content-Range", "bytes 0-9/*"))).isEmpty();
        assertThat(Resumption.completeLength(head(200))).isEmpty();
    }

    private static ResponseHead head(int status, String... fields) {
        return new ResponseHead(HttpVersion.HTTP_1_1, status, "", Fields.of(fields));
    }
}
