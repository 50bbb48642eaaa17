package dev.awssso.core.login;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Tells which local user owns the client end of a TCP connection to this process on the same machine, as Linux
 * lists sockets in {@code /proc/net/tcp} and {@code /proc/net/tcp6} (with the uid of each socket's owner), so that
 * a door meant for the user who runs the application can refuse another user of the machine without a secret to
 * copy. Where those files are missing (another operating system), nothing can be told.
 */
public final class SocketOwners {

    private static final int LOCAL_ADDRESS = 1;

    private static final int REMOTE_ADDRESS = 2;

    private static final int UID = 7;

    private final Path procRoot;

    /**
     * @param procRoot the root of the proc file system, {@code /proc} but in tests
     */
    public SocketOwners(Path procRoot) {
        this.procRoot = procRoot;
    }

    /** The owners as this machine's {@code /proc} tells them. */
    public static SocketOwners system() {
        return new SocketOwners(Path.of("/proc"));
    }

    /** Whether the owners of sockets can be told on this machine. */
    public boolean available() {
        return Files.isReadable(this.procRoot.resolve("net/tcp"));
    }

    /** The uid of this process, if the proc file system tells it. */
    public OptionalInt currentUser() {
        try {
            Object uid = Files.getAttribute(this.procRoot.resolve("self"), "unix:uid");
            return (uid instanceof Integer number) ? OptionalInt.of(number) : OptionalInt.empty();
        }
        catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
            return OptionalInt.empty();
        }
    }

    /**
     * The uid that owns the client socket of a connection.
     * @param client the client's end, as the server sees it (its remote address)
     * @param server the server's end (the local address of the accepted connection)
     * @return the owner, or empty where the socket is not listed (not on this machine, or not Linux)
     */
    public OptionalInt ownerOf(InetSocketAddress client, InetSocketAddress server) {
        for (String table : List.of("net/tcp", "net/tcp6")) {
            OptionalInt owner = find(this.procRoot.resolve(table), client, server);
            if (owner.isPresent()) {
                return owner;
            }
        }
        return OptionalInt.empty();
    }

    private static OptionalInt find(Path table, InetSocketAddress client, InetSocketAddress server) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
        }
        catch (IOException ex) {
            return OptionalInt.empty();
        }
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length <= UID) {
                continue;
            }
            Optional<InetSocketAddress> local = endpoint(fields[LOCAL_ADDRESS]);
            Optional<InetSocketAddress> remote = endpoint(fields[REMOTE_ADDRESS]);
            if (local.filter(client::equals).isPresent() && remote.filter(server::equals).isPresent()) {
                try {
                    return OptionalInt.of(Integer.parseInt(fields[UID]));
                }
                catch (NumberFormatException ex) {
                    return OptionalInt.empty();
                }
            }
        }
        return OptionalInt.empty();
    }

    /**
     * An address of the tables, {@code 0100007F:1F90}: the address as the kernel's 32-bit words in this machine's
     * byte order, then the port.
     */
    static Optional<InetSocketAddress> endpoint(String field) {
        int colon = field.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            byte[] address = HexFormat.of().parseHex(field, 0, colon);
            if (address.length != 4 && address.length != 16) {
                return Optional.empty();
            }
            if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
                for (int word = 0; word < address.length; word += 4) {
                    reverse(address, word);
                }
            }
            int port = Integer.parseInt(field.substring(colon + 1), 16);
            return Optional.of(new InetSocketAddress(InetAddress.getByAddress(address), port));
        }
        catch (IllegalArgumentException | UnknownHostException ex) {
            return Optional.empty();
        }
    }

    private static void reverse(byte[] bytes, int start) {
        for (int i = 0; i < 2; i++) {
            byte swapped = bytes[start + i];
            bytes[start + i] = bytes[start + 3 - i];
            bytes[start + 3 - i] = swapped;
        }
    }
}
