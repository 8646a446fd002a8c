/**
 * The files a file-transfer service serves and stores (TFTP, FTP), one root per service, and the
 * rules every path and upload of theirs passes: a client's path is normalised and must stay inside
 * the root; a symbolic link that leads out is refused without being followed; a name with NUL or a
 * control character is refused; an upload goes to a hidden temporary file, is forced to disk and
 * renamed into place only when complete, and is removed when cut, over quota, or out of disk.
 */
package dev.socklab.services.storage;
