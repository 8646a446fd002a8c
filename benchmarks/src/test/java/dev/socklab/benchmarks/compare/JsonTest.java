package dev.socklab.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The small JSON reader, on the shapes the load generator prints and on broken text. */
class JsonTest {

    @Test
    void objectsArraysNumbersStringsAndLiteralsReadAsPlainValues() {
        Object v = Json.parse(" [ {\"a\": 1, \"b\": -2.5e3, \"c\": \"x\\\"y\\u00e9\\n\", \"d\": true, \"e\": null,"
                + " \"f\": {\"g\": []}} ] ");

        assertThat(v).isEqualTo(List.of(mapOf("a", 1.0, "b", -2500.0, "c", "x\"y\u00e9\n", "d", true, "e", null,
                "f", Map.of("g", List.of()))));
    }

    @Test
    void nanAsJavaPrintsItReadsAsNaN() {
        assertThat((Double) ((Map<?, ?>) Json.parse("{\"p99\": NaN}")).get("p99")).isNaN();
    }

    @Test
    void textAfterTheValueIsAnError() {
        assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("offset 3: expected end of input");
    }

    @Test
    void unclosedObjectIsAnErrorThatNamesTheOffset() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 1")).hasMessage("malformed JSON at offset 7: expected '}', found the end");
    }

    @Test
    void bareWordIsAnError() {
        assertThatThrownBy(() -> Json.parse("[yes]")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, Object> mapOf(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
