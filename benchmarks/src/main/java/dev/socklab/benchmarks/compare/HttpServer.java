package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The servers the HTTP comparison puts side by side, each run as its users run it, with its
 * defaults, serving {@link HttpSite#www()} on 127.0.0.1 and one port, on the server's core.
 */
enum HttpServer {
    /** socklab's http service with {@code --http-root}, on its default I/O engine. */
    SOCKLAB("socklab", null),
    /** The JDK's simple file server (JEP 408), from the JDK that runs the comparison. */
    JWEBSERVER("jwebserver", null),
    /** Python's http.server, asked for HTTP/1.1 so that it keeps connections alive. */
    PYTHON("python http.server", "/usr/bin/python3"),
    /** BusyBox's httpd in the foreground: HTTP/1.0-style, a connection per request. */
    BUSYBOX("busybox httpd", "busybox"),
    /** nginx with one worker and a configuration of defaults ({@link HttpSite#nginxConf}). */
    NGINX("nginx", "nginx");

    /** Where Debian puts nginx, off the PATH of a user who is not root. */
    private static final Path SBIN = Path.of("/usr/sbin");

    private final String label;
    private final String program;

    HttpServer(String label, String program) {
        this.label = label;
        this.program = program;
    }

    String label() {
        return label;
    }

    /** The program's path, or empty when this machine lacks it; socklab and jwebserver come with the JDK and the build. */
    Optional<String> program(Launch launch) {
        return switch (this) {
            case SOCKLAB -> Optional.of(launch.socklab().toString());
            case JWEBSERVER -> executable(launch.javaHome().resolve("bin/jwebserver"));
            case PYTHON -> executable(Path.of(program));
            case BUSYBOX, NGINX -> Pinning.onPath(program) ? Optional.of(program) : executable(SBIN.resolve(program));
        };
    }

    /** What to install when {@link #program} finds nothing. */
    String installHint() {
        return switch (this) {
            case SOCKLAB -> "build socklab";
            case JWEBSERVER -> "a full JDK 25 (jwebserver is in its bin/)";
            case PYTHON -> "apt-get install python3";
            case BUSYBOX -> "apt-get install busybox";
            case NGINX -> "apt-get install nginx-light";
        };
    }

    /**
     * The command that serves {@code site} on {@code port}, pinned to the server's core. {@code work}
     * is this server's own directory: nginx's configuration and logs go there.
     */
    List<String> command(Launch launch, String path, HttpSite site, Path work, int port) throws IOException {
        String www = site.www().toString();
        String p = Integer.toString(port);
        List<String> command = new ArrayList<>(launch.pinning().server());
        switch (this) {
            case SOCKLAB -> {
                return launch.socklabServer(List.of("serve", "http:" + p + "/tcp", "--bind", Launch.HOST, "--http-root", www));
            }
            case JWEBSERVER -> command.addAll(List.of(path, "-b", Launch.HOST, "-p", p, "-d", www));
            case PYTHON -> command.addAll(List.of(path, "-m", "http.server", "--protocol", "HTTP/1.1", "-b", Launch.HOST,
                    p, "-d", www));
            case BUSYBOX -> command.addAll(List.of(path, "httpd", "-f", "-p", Launch.HOST + ":" + p, "-h", www));
            case NGINX -> {
                Path conf = work.resolve("nginx.conf");
                Files.writeString(conf, HttpSite.nginxConf(work, site.www(), port));
                command.addAll(List.of(path, "-p", work.toString(), "-e", work.resolve("error.log").toString(),
                        "-c", conf.toString()));
            }
        }
        return command;
    }

    /** The command that prints the server's version, for the report. */
    List<String> versionCommand(Launch launch, String path) {
        return switch (this) {
            case SOCKLAB -> launch.socklab("--version");
            case JWEBSERVER -> List.of(path, "-version");
            case PYTHON -> List.of(path, "--version");
            case BUSYBOX -> List.of(path);
            case NGINX -> List.of(path, "-v");
        };
    }

    private static Optional<String> executable(Path path) {
        return Files.isExecutable(path) ? Optional.of(path.toString()) : Optional.empty();
    }
}
