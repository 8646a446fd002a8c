package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/**
 * {@code java -jar cli/target/socklab.jar} runs with the JVM options the I/O engine needs, as
 * {@code ./socklab} gives them: {@code java -jar} reads them from the manifest.
 */
class JarManifestIT {
    @Test
    void theManifestOpensJavaLangExportsSunNioChAndAllowsNativeAccess() throws IOException {
        try (JarFile jar = new JarFile(Launched.ROOT.resolve("cli/target/socklab.jar").toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();

            assertThat(main.getValue("Add-Opens")).isEqualTo("java.base/java.lang");
            assertThat(main.getValue("Add-Exports")).isEqualTo("java.base/sun.nio.ch");
            assertThat(main.getValue("Enable-Native-Access")).isEqualTo("ALL-UNNAMED");
        }
    }
}
