package dev.socklab.services.ftp;

import java.io.IOException;

/**
 * A command the service answers: who may send it, and what it does.
 *
 * @param access who may send it
 * @param handler what it does
 */
record Verb(Access access, Handler handler) {
    /** Who may send a command. */
    enum Access {
        /** Before login too: USER, PASS, QUIT, FEAT, AUTH and the like. */
        ANYONE,
        /** Once logged in. */
        LOGGED_IN,
        /** Once logged in to an account that may write. */
        WRITER
    }

    /** What a command does with its argument. */
    @FunctionalInterface
    interface Handler {
        void handle(Session session, String argument) throws IOException;
    }

    static Verb anyone(Handler handler) {
        return new Verb(Access.ANYONE, handler);
    }

    static Verb loggedIn(Handler handler) {
        return new Verb(Access.LOGGED_IN, handler);
    }

    static Verb writer(Handler handler) {
        return new Verb(Access.WRITER, handler);
    }
}
