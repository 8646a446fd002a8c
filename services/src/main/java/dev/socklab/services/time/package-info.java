/** The time service, RFC 868. */
package dev.socklab.services.time;
