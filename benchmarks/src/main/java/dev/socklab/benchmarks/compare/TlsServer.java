package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.socklab.benchmarks.SocklabTlsEcho;

/**
 * The servers the TLS comparison puts side by side, each an echo over TLS 1.3 and 1.2 with the
 * same certificate and key, on 127.0.0.1 and the server's core.
 */
enum TlsServer {
    /** socklab's echo service on a TLS endpoint, in socklab's runtime on its default engine. */
    SOCKLAB("socklab"),
    /** Netty's {@code SslHandler} on the JDK's provider, in front of Netty's echo. */
    NETTY("netty"),
    /** nginx's stream module (one worker) terminating TLS with OpenSSL, in front of the Netty baseline's plain echo. */
    NGINX("nginx");

    /** Where Debian's libnginx-mod-stream puts the module, which nginx-light does not build in. */
    static final Path STREAM_MODULE = Path.of("/usr/lib/nginx/modules/ngx_stream_module.so");
    private static final Path NGINX_PROGRAM = Path.of("/usr/sbin/nginx");

    private final String label;

    TlsServer(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Why this server cannot run here, with what to install; empty when it can. */
    Optional<String> missing() {
        if (this != NGINX) {
            return Optional.empty();
        }
        if (!Files.isExecutable(NGINX_PROGRAM) && !Pinning.onPath("nginx")) {
            return Optional.of("nginx is not installed (apt-get install nginx-light libnginx-mod-stream)");
        }
        return Files.isRegularFile(STREAM_MODULE) ? Optional.empty()
                : Optional.of("nginx's stream module is not installed (apt-get install libnginx-mod-stream)");
    }

    /**
     * The commands that serve TLS echo on {@code port}, the last the TLS server; nginx's first is
     * its plain echo on {@code upstreamPort}. {@code work} is the server's own directory.
     */
    List<List<String>> commands(Launch launch, TlsFiles files, Path work, int port, int upstreamPort) throws IOException {
        String p = Integer.toString(port);
        return switch (this) {
            case SOCKLAB -> List.of(launch.socklabClass(SocklabTlsEcho.class, List.of("--bind", Launch.HOST, "--port", p,
                    "--tls-cert", files.certificate().toString(), "--tls-key", files.key().toString())));
            case NETTY -> List.of(launch.netty(List.of("--bind", Launch.HOST, "--tls-echo", p,
                    "--tls-cert", files.certificate().toString(), "--tls-key", files.key().toString())));
            case NGINX -> {
                Path conf = work.resolve("nginx.conf");
                Files.writeString(conf, nginxConf(work, files, port, upstreamPort));
                List<String> nginx = new ArrayList<>(launch.pinning().server());
                nginx.addAll(List.of(Files.isExecutable(NGINX_PROGRAM) ? NGINX_PROGRAM.toString() : "nginx",
                        "-p", work.toString(), "-e", work.resolve("error.log").toString(), "-c", conf.toString()));
                yield List.of(launch.netty(List.of("--bind", Launch.HOST, "--echo", Integer.toString(upstreamPort))), nginx);
            }
        };
    }

    /**
     * nginx with one worker, its stream module terminating TLS 1.3 and 1.2 on {@code port} with
     * OpenSSL's defaults otherwise, and proxying the plaintext to the echo on {@code upstreamPort}.
     */
    static String nginxConf(Path work, TlsFiles files, int port, int upstreamPort) {
        return "load_module " + STREAM_MODULE + ";\n"
                + "daemon off;\n"
                + "worker_processes 1;\n"
                + "pid " + work.resolve("nginx.pid") + ";\n"
                + "events {\n}\n"
                + "stream {\n"
                + "    server {\n"
                + "        listen " + Launch.HOST + ":" + port + " ssl;\n"
                + "        ssl_certificate " + files.certificate() + ";\n"
                + "        ssl_certificate_key " + files.key() + ";\n"
                + "        ssl_protocols TLSv1.2 TLSv1.3;\n"
                + "        proxy_pass " + Launch.HOST + ":" + upstreamPort + ";\n"
                + "    }\n"
                + "}\n";
    }

    /** The command that prints the server's version, for the report; empty for those the report names otherwise. */
    Optional<List<String>> versionCommand() {
        return this == NGINX ? Optional.of(List.of(Files.isExecutable(NGINX_PROGRAM) ? NGINX_PROGRAM.toString() : "nginx", "-v"))
                : Optional.empty();
    }
}
