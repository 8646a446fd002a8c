/** The discard service, RFC 863. */
package dev.socklab.services.discard;
