/**
 * HTTP/1.1's message syntax (RFC 9110, RFC 9112), apart from any socket: {@link
 * dev.socklab.http.HttpInput} reads request and response heads, strictly and within {@link
 * dev.socklab.http.HeadLimits}, and bodies by their {@link dev.socklab.http.BodyFraming}, from any
 * {@link dev.socklab.framing.ByteSource}. The http service reads requests with it, socklab's
 * clients read responses, and the fuzz target and the tests feed it bytes in memory.
 */
package dev.socklab.http;
