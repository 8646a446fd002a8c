package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/** socklab.jar holds picocli, compiled from its sources, so the licence and the notice travel in it. */
class JarLicenceIT {
    @Test
    void theJarCarriesTheApacheLicenceAndTheNoticeThatNamesPicocli() throws IOException {
        try (JarFile jar = new JarFile(Launched.ROOT.resolve("cli/target/socklab.jar").toFile())) {
            assertThat(jar.getEntry("picocli/CommandLine.class")).as("picocli's classes").isNotNull();
            assertThat(entry(jar, "META-INF/LICENSE")).isEqualTo(Files.readString(Launched.ROOT.resolve("LICENSE")))
                    .contains("Apache License", "Version 2.0, January 2004");
            assertThat(entry(jar, "META-INF/NOTICE")).isEqualTo(Files.readString(Launched.ROOT.resolve("NOTICE")))
                    .contains("picocli", "Copyright 2017 Remko Popma");
        }
    }

    private static String entry(JarFile jar, String name) throws IOException {
        assertThat(jar.getEntry(name)).as(name).isNotNull();
        try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
