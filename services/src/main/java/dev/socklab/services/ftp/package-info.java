/**
 * The FTP service, RFC 959 with its extensions (RFC 2389 FEAT, 2428 EPSV/EPRT, 3659 MLSD/MLST/SIZE/MDTM/REST,
 * 4217 AUTH TLS): the control connection's commands, one class a group, over the service API's data
 * connections and the files of a {@link dev.socklab.services.storage.FileRoot}.
 */
package dev.socklab.services.ftp;
