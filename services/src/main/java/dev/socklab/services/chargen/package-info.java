/** The character generator service, RFC 864. */
package dev.socklab.services.chargen;
