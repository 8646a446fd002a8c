/**
 * The Trivial File Transfer Protocol, RFC 1350, with its options (RFC 2347, 2348, 2349, 7440): a
 * request on the service's port opens a socket of the server's own for the transfer (its transfer
 * ID), through which the file goes in blocks, each window acknowledged. Files are read and stored
 * through {@link dev.socklab.services.storage.FileRoot}: read-only unless {@code --tftp-write} or
 * {@code --tftp-create}.
 */
package dev.socklab.services.tftp;
