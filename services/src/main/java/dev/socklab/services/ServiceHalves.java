package dev.socklab.services;

import java.util.Optional;

import dev.socklab.service.DatagramService;
import dev.socklab.service.StreamService;

/**
 * A built-in service, made: what serves its stream endpoints (TCP, Unix) and what serves its
 * datagram endpoints (UDP), the same object where it has both. Each half is present exactly when
 * its entry's {@link ServiceInfo#transports()} say so.
 *
 * @param stream what serves its TCP and Unix endpoints, if it has any
 * @param datagram what serves its UDP endpoints, if it has any
 */
public record ServiceHalves(Optional<StreamService> stream, Optional<DatagramService> datagram) {
}
