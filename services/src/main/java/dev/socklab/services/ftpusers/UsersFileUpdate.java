package dev.socklab.services.ftpusers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One account added to or changed in a users file: the other lines are kept as they were, and the
 * file is replaced whole by a rename, so a server reading it meanwhile sees the old file or the new.
 */
final class UsersFileUpdate {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private UsersFileUpdate() {
    }

    /** Puts {@code account} in {@code file} in place of the line with its name, or at the end. */
    static FtpUsers.Change apply(Path file, UserLine account) throws IOException {
        boolean exists = Files.exists(file);
        List<String> lines = new ArrayList<>(exists ? FtpUsers.read(file) : List.of());
        FtpUsers.Change change = FtpUsers.Change.ADDED;
        for (int i = 0; i < lines.size(); i++) {
            Optional<UserLine> line = FtpUsers.parse(file, lines.get(i), i + 1);
            if (line.isPresent() && line.get().name().equals(account.name())) {
                lines.set(i, account.text());
                change = FtpUsers.Change.CHANGED;
            }
        }
        if (change == FtpUsers.Change.ADDED) {
            lines.add(account.text());
        }
        Set<PosixFilePermission> mode = exists ? Files.getPosixFilePermissions(file) : OWNER_ONLY;
        write(file, lines, mode);
        return change;
    }

    private static void write(Path file, List<String> lines, Set<PosixFilePermission> mode) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.write(temp, lines, StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.setPosixFilePermissions(temp, mode);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
