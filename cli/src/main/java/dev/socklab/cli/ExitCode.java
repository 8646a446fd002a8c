package dev.socklab.cli;

/**
 * Every exit code socklab uses, in one table (the README shows the same).
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><th>code</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>done; a server stopped by Ctrl-C or SIGTERM included</td></tr>
 *   <tr><td>1</td><td>an unexpected failure inside socklab (a bug)</td></tr>
 *   <tr><td>2</td><td>the command line is wrong: an unknown option or service, a malformed address or port;
 *     or serve's configuration file fails its check</td></tr>
 *   <tr><td>3</td><td>the server could not bind: port in use, privileges needed, address not on this machine</td></tr>
 *   <tr><td>4</td><td>the client could not connect, or the connection failed</td></tr>
 *   <tr><td>5</td><td>the client got no answer in time</td></tr>
 *   <tr><td>6</td><td>the server refused: an HTTP error status, 4xx or 5xx (as curl's
 *     {@code --fail-with-body}); a TFTP ERROR; an FTP reply 4xx or 5xx; an RPC error or fault</td></tr>
 * </table>
 */
enum ExitCode {
    OK(0),
    BUG(1),
    USAGE(2),
    CANNOT_BIND(3),
    NETWORK(4),
    NO_ANSWER(5),
    SERVER_REFUSED(6);

    final int code;

    ExitCode(int code) {
        this.code = code;
    }
}
