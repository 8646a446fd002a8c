/**
 * HAProxy's PROXY protocol (versions 1 and 2): the header a proxy or load balancer sends first on
 * each connection it relays, naming the real client. A service reads it only when its
 * {@link dev.socklab.proxy.ProxyPolicy} says so, and only from the proxies it trusts; the runtime
 * then gives the client it names to the service, the logs and the limits.
 */
package dev.socklab.proxy;
