package dev.socklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.socklab.tls.DevCertificate;

/**
 * {@code socklab cert dev}: a self-signed certificate and key for localhost, written as
 * {@code cert.pem} and {@code key.pem}, so that TLS takes one command to try. The key file is
 * created readable by its owner alone; existing files are replaced only with {@code --force}, and
 * then atomically, so that a server reloading them never reads half a file.
 */
@Command(name = "dev", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = {"Writes cert.pem and key.pem, a self-signed pair for localhost, 127.0.0.1 and ::1,"
                + " valid for a year.",
                "For development only: no client trusts it unless told to."},
        footer = {"", "Examples:",
                "  socklab cert dev                  into this directory",
                "  socklab cert dev --out tls        into ./tls, made if missing",
                "  socklab cert dev --force          replace the pair a running server uses"})
final class CertDevCommand implements Callable<Integer> {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");
    /** What a POSIX shell takes as one word without quotes. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./@%+=:,-]+");

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the two files (default: this directory).")
    Path out = Path.of("");

    @Option(names = "--force", description = "Replace cert.pem and key.pem if they exist.")
    boolean force;

    @Override
    public Integer call() {
        Path dir = out.toAbsolutePath().normalize();
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        if (!force) {
            // Both checked before either is written: a refusal leaves no half of a new pair behind.
            for (Path file : List.of(cert, key)) {
                if (Files.exists(file)) {
                    throw refusal(file);
                }
            }
        }
        DevCertificate pair = DevCertificate.generate("localhost");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
        write(key, pair.keyPem(), OWNER_ONLY);
        write(cert, pair.certificatePem(), READABLE);
        PrintWriter text = spec.commandLine().getOut();
        text.println("wrote " + cert + ": a self-signed certificate for localhost, 127.0.0.1 and ::1, valid until "
                + pair.certificate().getNotAfter().toInstant());
        text.println("wrote " + key + ": its private key, readable by you alone");
        text.println("For development only: a client trusts it only when told to, as curl --cacert does.");
        text.println("Next:");
        text.println("  socklab serve http:10443/tls --tls-cert " + shellWord(cert) + " --tls-key " + shellWord(key));
        text.println("  curl --cacert " + shellWord(cert) + " https://localhost:10443/anything");
        text.flush();
        return ExitCode.OK.code;
    }

    /**
     * Writes {@code file} with {@code permissions} from its creation: never a moment with wider ones.
     * With {@code --force}, through a new file in the same directory renamed over the old.
     */
    private void write(Path file, String content, Set<PosixFilePermission> permissions) {
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(permissions);
        ByteBuffer bytes = StandardCharsets.US_ASCII.encode(content);
        try {
            if (!force) {
                try (SeekableByteChannel channel = Files.newByteChannel(file,
                        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), mode)) {
                    channel.write(bytes);
                }
                return;
            }
            Path fresh = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".new", mode);
            try {
                try (SeekableByteChannel channel = Files.newByteChannel(fresh, StandardOpenOption.WRITE)) {
                    channel.write(bytes);
                }
                Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(fresh);
            }
        } catch (FileAlreadyExistsException e) {
            throw refusal(file);
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    private static Errors.UsageException refusal(Path file) {
        return new Errors.UsageException(file + " already exists; --force replaces it (a server using it picks"
                + " up the new pair), or --out names another directory");
    }

    private static Errors.UsageException cannotWrite(Path file, IOException e) {
        String why = e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
        return new Errors.UsageException("cannot write " + file + ": " + why + "; --out names another directory");
    }

    /** {@code path} as a shell reads it back: as it is when it can be, else in single quotes. */
    static String shellWord(Path path) {
        String text = path.toString();
        return PLAIN_WORD.matcher(text).matches() ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
