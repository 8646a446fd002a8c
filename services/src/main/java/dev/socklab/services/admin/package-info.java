/**
 * The admin listener ({@code serve --admin HOST:PORT}): {@code /metrics} for Prometheus and
 * {@code /status} as JSON, over HTTP, served by the server it reports on as the stream service
 * {@code admin}, which is never started unless asked for. docs/monitoring.md lists every metric.
 */
package dev.socklab.services.admin;
