/**
 * The http service's test endpoints ({@code /anything}, {@code /status/{code}}, {@code /sse}...), each
 * a small {@link dev.socklab.services.http.Route}, registered by {@link
 * dev.socklab.services.http.endpoints.TestEndpoints}. Every number a client gives is capped.
 */
package dev.socklab.services.http.endpoints;
