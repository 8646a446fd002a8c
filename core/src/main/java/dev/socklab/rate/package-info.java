/**
 * Pacing by rate: the {@link dev.socklab.rate.TokenBucket} that the runtime paces UDP replies and
 * log lines with, a service the lines of its clients (chat's flood control), and a client itself.
 * Not part of the service API: a service that paces its clients uses it, one that does not never
 * sees it.
 */
package dev.socklab.rate;
