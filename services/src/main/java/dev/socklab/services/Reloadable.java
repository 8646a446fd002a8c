package dev.socklab.services;

/**
 * A built-in service whose settings can change while it serves, on a reload ({@code kill -HUP}):
 * its connections stay open, and what changed applies from then on. Each service says which
 * settings it takes anew in its {@link #reload}; any other setting needs a restart.
 */
public interface Reloadable {
    /**
     * Reads this service's settings from {@code fresh} and checks them as they are checked at
     * start, changing nothing yet: a reload applies every service's change, or, if any setting
     * anywhere fails its check, none.
     *
     * @param fresh the settings as they are now asked for
     * @return what would change, and how to apply it
     * @throws dev.socklab.runtime.SettingException (or an {@link dev.socklab.net.AddressException}) with a
     *     one-sentence message if a setting cannot be used
     */
    ServiceReload reload(ServiceSettings fresh);
}
