package dev.socklab.cli;

import java.util.Map;
import java.util.Optional;

import dev.socklab.runtime.Server;
import dev.socklab.services.ServiceHalves;
import dev.socklab.tls.ServerTls;

/**
 * What serve's flags ask for, checked ({@link ServeCommand#settings}): where each service listens,
 * the TLS pair, the services made, and a server builder holding every setting and endpoint. Start
 * builds its server from it; a reload makes one anew and compares.
 *
 * @param plan each service's endpoints
 * @param tls the certificate and key, read now, if given
 * @param made each service served, by name, made once whatever its endpoints
 * @param builder the server's settings, with every endpoint registered
 */
record ServeSettings(BindPlan plan, Optional<ServerTls> tls, Map<String, ServiceHalves> made, Server.Builder builder) {
}
