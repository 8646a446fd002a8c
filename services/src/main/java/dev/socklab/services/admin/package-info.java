/**
 * The admin listener ({@code serve --admin HOST:PORT}): the status page at {@code /} and its feed of
 * server-sent events at {@code /events}, {@code /metrics} for Prometheus and {@code /status} as JSON,
 * over HTTP, served by the server it reports on as the stream service {@code admin}, which is never
 * started unless asked for. The page's last log lines come from whatever writes the log, through
 * {@link dev.socklab.services.admin.RecentLog}. docs/monitoring.md lists every metric.
 */
package dev.socklab.services.admin;
