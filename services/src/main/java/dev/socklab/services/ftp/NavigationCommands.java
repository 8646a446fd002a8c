package dev.socklab.services.ftp;

import java.io.IOException;
import java.util.Map;

import dev.socklab.services.storage.StorageException;
import dev.socklab.services.storage.StoragePath;

/**
 * PWD, CWD and CDUP: the working directory, a path under the root as the client sees it ({@code /}
 * the root). A CWD that would leave the root, or lead to what is not a directory, is refused with 550.
 */
final class NavigationCommands {
    private NavigationCommands() {
    }

    static Map<String, Verb> verbs() {
        return Map.of("PWD", Verb.loggedIn(NavigationCommands::pwd),
                "CWD", Verb.loggedIn(NavigationCommands::cwd),
                "CDUP", Verb.loggedIn((session, argument) -> cwd(session, "..")));
    }

    private static void pwd(Session session, String argument) throws IOException {
        session.reply().send(257, Replies.quoted(session.cwd().shown()) + " is the current directory");
    }

    private static void cwd(Session session, String path) throws IOException {
        try {
            StoragePath dir = session.resolve(path.isEmpty() ? "/" : path);
            if (!session.root().attributes(dir).isDirectory()) {
                session.reply().send(550, "Failed to change directory: " + dir.shown() + " is not a directory.");
                return;
            }
            session.cwd(dir);
            session.reply().send(250, "Directory successfully changed.");
        } catch (StorageException e) {
            session.reply().send(550, "Failed to change directory: " + e.getMessage());
        }
    }
}
