package dev.socklab.services.ftp;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import dev.socklab.text.Visible;

/**
 * USER, PASS and QUIT (RFC 959 section 4.1.1). USER is answered 331 whoever it names, so that no name
 * can be probed; the third failed PASS of a connection is answered, after a pause, with 421 and a close.
 * The password is never logged.
 */
final class LoginCommands {
    private LoginCommands() {
    }

    static Map<String, Verb> verbs() {
        return Map.of("USER", Verb.anyone(LoginCommands::user),
                "PASS", Verb.anyone(LoginCommands::pass),
                "QUIT", Verb.anyone(LoginCommands::quit));
    }

    private static void user(Session session, String name) throws IOException {
        if (session.account().isPresent()) {
            session.reply().send(530, "Can't change to another user.");
            return;
        }
        if (name.isBlank()) {
            session.reply().send(501, "USER needs a user name.");
            return;
        }
        session.user(Optional.of(name));
        session.reply().send(331, "Please specify the password.");
    }

    private static void pass(Session session, String password) throws IOException {
        if (session.account().isPresent()) {
            session.reply().send(230, "Already logged in.");
            return;
        }
        Optional<String> user = session.user();
        if (user.isEmpty()) {
            session.reply().send(503, "Login with USER first.");
            return;
        }
        char[] secret = password.toCharArray();
        Optional<FtpAccount> account = session.settings().accounts().authenticate(user.get(), secret);
        Arrays.fill(secret, '\0');
        session.user(Optional.empty());
        if (account.isPresent()) {
            session.loggedIn(account.get());
            session.control().log().info("logged in as {}{}", account.get().name(),
                    account.get().mayWrite() ? "" : " (read-only)");
            session.reply().send(230, "Login successful.");
            return;
        }
        int failed = session.failedLogin();
        session.control().log().info("failed login {} of {} as {}", failed, FtpSettings.MAX_FAILED_LOGINS,
                Visible.of(user.get()));
        if (failed < FtpSettings.MAX_FAILED_LOGINS) {
            session.reply().send(530, "Login incorrect.");
            return;
        }
        // A virtual thread asleep holds no carrier: the pause costs a guesser time, and the server nothing.
        try {
            Thread.sleep(session.settings().failedLoginDelay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        session.reply().send(421, "Too many failed logins: closing the connection.");
        session.end();
    }

    private static void quit(Session session, String argument) throws IOException {
        session.reply().send(221, "Goodbye.");
        session.end();
    }
}
