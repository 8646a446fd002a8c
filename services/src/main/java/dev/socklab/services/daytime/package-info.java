/** The daytime service, RFC 867, with the lab's acknowledgement. */
package dev.socklab.services.daytime;
