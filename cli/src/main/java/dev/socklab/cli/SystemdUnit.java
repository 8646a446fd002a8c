package dev.socklab.cli;

import dev.socklab.runtime.Transport;
import dev.socklab.services.ServiceInfo;

/**
 * One socket-activated socklab: a {@code .socket} unit with one socket, and the {@code .service}
 * it starts, {@code socklab serve --inherit NAME} on that socket. One socket a unit, because
 * socklab serves the one socket it inherits and refuses more: a service served over TCP and UDP
 * is two pairs, {@code socklab-hello} and {@code socklab-hello-udp}.
 *
 * @param listen the socket as systemd's {@code Listen*=} takes it: {@code 127.0.0.1:10000},
 *     {@code [::1]:10000} or a Unix socket's path
 */
record SystemdUnit(ServiceInfo service, Transport transport, String listen) {
    /** Where {@code /usr/bin/socklab} is: the Debian package puts it there. */
    static final String SOCKLAB = "/usr/bin/socklab";

    /** The units' name without its suffix: the UDP half of a service served over TCP too takes {@code -udp}. */
    String name() {
        boolean second = transport == Transport.UDP && service.transports().contains(Transport.TCP);
        return "socklab-" + service.name() + (second ? "-udp" : "");
    }

    /** The {@code .socket} unit: the one socket systemd binds and hands over. */
    String socketUnit() {
        return String.join("\n",
                "# Written by socklab systemd-units: " + what() + ", for " + name() + ".service.",
                "[Unit]",
                "Description=socklab " + what() + ": " + escaped(service.summary()),
                "Documentation=man:socklab-serve(1)",
                "",
                "[Socket]",
                "# One socket a unit: socklab serves the one socket it inherits and refuses more.",
                (transport == Transport.UDP ? "ListenDatagram=" : "ListenStream=") + escaped(listen),
                "",
                "[Install]",
                "WantedBy=sockets.target",
                "");
    }

    /** The {@code .service} unit the socket starts: socklab on the socket it inherits, unprivileged and confined. */
    String serviceUnit() {
        return String.join("\n",
                "# Written by socklab systemd-units: " + what() + ", started by " + name() + ".socket.",
                "[Unit]",
                "Description=socklab " + what(),
                "Documentation=man:socklab-serve(1)",
                "Requires=" + name() + ".socket",
                "After=" + name() + ".socket",
                "",
                "[Service]",
                "# systemd passes the socket as fd 3 (LISTEN_FDS=1); the shell moves it to standard input, where",
                "# Java's System.inheritedChannel() finds it, and exec keeps the pid that LISTEN_PID names.",
                "ExecStart=/bin/sh -c 'exec " + SOCKLAB + " serve --inherit " + service.name() + " 0<&3'",
                "Restart=on-failure",
                "# systemd holds the port, so socklab needs no privilege at all.",
                "DynamicUser=yes",
                "CapabilityBoundingSet=",
                "NoNewPrivileges=yes",
                "ProtectSystem=strict",
                "ProtectHome=yes",
                "PrivateTmp=yes",
                "PrivateDevices=yes",
                "ProtectKernelTunables=yes",
                "ProtectKernelModules=yes",
                "ProtectKernelLogs=yes",
                "ProtectControlGroups=yes",
                "ProtectClock=yes",
                "ProtectHostname=yes",
                "ProtectProc=invisible",
                "RestrictNamespaces=yes",
                "RestrictRealtime=yes",
                "RestrictSUIDSGID=yes",
                "LockPersonality=yes",
                "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
                "SystemCallArchitectures=native",
                "# No MemoryDenyWriteExecute=: the JVM's compilers write the code they run.",
                "");
    }

    /** {@code hello over TCP}: the service and its transport, as the units describe them. */
    private String what() {
        return service.name() + " over " + (transport == Transport.UNIX ? "a Unix socket" : transport.name());
    }

    /** systemd expands {@code %} in a unit's values; a literal one is written {@code %%}. */
    private static String escaped(String value) {
        return value.replace("%", "%%");
    }
}
