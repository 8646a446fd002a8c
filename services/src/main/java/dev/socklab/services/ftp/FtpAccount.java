package dev.socklab.services.ftp;

/**
 * Who logged in.
 *
 * @param name the user name
 * @param mayWrite whether the account may store, delete, rename and make directories
 */
public record FtpAccount(String name, boolean mayWrite) {
}
