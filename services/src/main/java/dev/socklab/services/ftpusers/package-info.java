/**
 * The FTP service's accounts: a users file in the manner of {@code htpasswd -B} (bcrypt hashes),
 * read by the service ({@link dev.socklab.services.ftpusers.FtpUsers#load}) and written by
 * {@code socklab ftp-passwd} ({@link dev.socklab.services.ftpusers.FtpUsers#set}).
 */
package dev.socklab.services.ftpusers;
