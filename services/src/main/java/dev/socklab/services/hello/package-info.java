/** The lab's greeting service, {@code hello}. */
package dev.socklab.services.hello;
