/** The quote of the day service, RFC 865, and the quotes it tells. */
package dev.socklab.services.qotd;
