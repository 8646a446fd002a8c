package dev.socklab.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real clients the interop tests run (nc.openbsd, socat, python3). CI installs them
 * (.ci/run), so there a missing tool fails the test; on a developer's machine it skips it.
 */
public final class Tools {
    private Tools() {
    }

    /** The tool's name, once it is known to be on PATH. */
    public static String require(String tool) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                found = true;
                break;
            }
        }
        if (!found && System.getenv("CI") != null) {
            fail(tool + " is not installed, and CI must run every interop test: see .ci/run");
        }
        assumeTrue(found, tool + " is not installed (apt-get install the package that has it)");
        return tool;
    }

    /** The file at {@code path}, once it is known to be there: a program off a user's PATH (/usr/sbin/haproxy), a module. */
    public static String require(Path path) {
        boolean found = Files.isRegularFile(path);
        if (!found && System.getenv("CI") != null) {
            fail(path + " is not installed, and CI must run every interop test: see .ci/run");
        }
        assumeTrue(found, path + " is not installed (apt-get install the package that has it)");
        return path.toString();
    }
}
