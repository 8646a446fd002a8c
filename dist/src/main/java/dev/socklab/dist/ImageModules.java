package dev.socklab.dist;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

/**
 * Checks the jlink image's fixed module list against the runnable jar: every module jdeps finds the
 * jar's classes using must be in the image, or named as left out on purpose (a module only an
 * optional part of a library uses). A class that needs a module the image lacks would otherwise
 * fail at run time, in the one command that reaches it.
 *
 * <p>Arguments: the jar, the image's modules, the modules left out (both comma-separated).
 */
public final class ImageModules {
    private ImageModules() {
    }

    /** Exits non-zero, naming the modules, when the jar needs one the image neither has nor leaves out. */
    public static void main(String[] args) {
        Path jar = Path.of(args[0]);
        Set<String> image = names(args[1]);
        Set<String> leftOut = names(args[2]);
        Set<String> missing = names(jdeps(jar));
        missing.removeAll(image);
        missing.removeAll(leftOut);
        if (!missing.isEmpty()) {
            System.err.println(jar + " uses the modules " + missing + ", which the jlink image does not have: add them to"
                    + " socklab.image.modules in dist/pom.xml, or to socklab.image.left-out with the reason.");
            System.exit(1);
        }
        System.out.println("The jlink image's modules " + image + " hold everything " + jar.getFileName()
                + " uses, but for " + leftOut + ", left out.");
    }

    /** The modules the jar's classes use, as jdeps lists them (the JDK's modules, comma-separated). */
    private static String jdeps(Path jar) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("This JDK has no jdeps (module jdk.jdeps)."));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = jdeps.run(new PrintWriter(out), new PrintWriter(err), "--multi-release",
                Integer.toString(Runtime.version().feature()), "--ignore-missing-deps", "--print-module-deps",
                jar.toString());
        if (code != 0) {
            throw new IllegalStateException("jdeps failed on " + jar + " (exit code " + code + "): " + err);
        }
        List<String> lines = out.toString().lines().toList();
        return lines.isEmpty() ? "" : lines.getLast();
    }

    private static Set<String> names(String list) {
        Set<String> names = new TreeSet<>(Arrays.asList(list.strip().split("\\s*,\\s*")));
        names.remove("");
        return names;
    }
}
