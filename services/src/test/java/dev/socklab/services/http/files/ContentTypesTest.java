package dev.socklab.services.http.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentTypesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "index.html      | text/html; charset=utf-8",
        "STYLE.CSS       | text/css; charset=utf-8",
        "app.js          | text/javascript; charset=utf-8",
        "notes.txt       | text/plain; charset=utf-8",
        "data.json       | application/json",
        "logo.svg        | image/svg+xml",
        "photo.JPEG      | image/jpeg",
        "module.wasm     | application/wasm",
        "font.woff2      | font/woff2",
        "archive.tar.gz  | application/gzip",
        "README          | application/octet-stream",
        "run.exe         | application/octet-stream",
        "trailing.       | application/octet-stream",
    })
    void theTypeComesFromTheExtensionWhateverItsCase(String name, String type) {
        assertThat(ContentTypes.of(name)).isEqualTo(type);
    }
}
