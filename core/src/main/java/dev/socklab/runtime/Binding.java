package dev.socklab.runtime;

/** A service and the endpoint it is bound to, with the port the system chose where 0 was asked for. */
public record Binding(String service, Endpoint endpoint) {
}
