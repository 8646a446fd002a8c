/** The echo service, RFC 862. */
package dev.socklab.services.echo;
