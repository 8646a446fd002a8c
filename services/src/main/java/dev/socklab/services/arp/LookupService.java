package dev.socklab.services.arp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.socklab.service.Connection;
import dev.socklab.service.Datagram;
import dev.socklab.service.DatagramService;
import dev.socklab.service.StreamService;
import dev.socklab.services.Reloadable;
import dev.socklab.services.ServiceReload;
import dev.socklab.services.ServiceSettings;
import dev.socklab.text.Durations;
import dev.socklab.trace.Preview;

/**
 * The lab's request-and-answer framing, shared by {@code arp} and {@code rarp}: one request per
 * line, or per pause when the client sends it with no line end; one answer line per request, in
 * order; the connection stays open for more until the client closes it or stays idle past the
 * idle timeout. Over UDP, one request per datagram and one answer datagram.
 */
abstract class LookupService implements StreamService, DatagramService, Reloadable {
    /** The longest request, as much as the lab's server reads in one {@code recv(1024)}. */
    static final int MAX_REQUEST = 1024;
    /** How much of a request that is not an address the answer repeats. */
    private static final int ECHOED = 40;
    /** {@code Invalid address: ""...} and CRLF, around the escaped part. */
    private static final int INVALID_FRAME = "Invalid address: \"\"...\r\n".length();

    /** Changed by a reload: each read of a request takes it as it begins. */
    private volatile Duration pause;

    LookupService(Duration pause) {
        this.pause = pause;
    }

    @Override
    public final void serve(Connection conn) throws IOException {
        Optional<String> request;
        while ((request = conn.readLine(MAX_REQUEST, pause)).isPresent()) {
            conn.writeLine(answerAndLog(request.get(), conn.log()));
        }
    }

    @Override
    public final void serve(Datagram datagram) throws IOException {
        datagram.reply(answerAndLog(datagram.text(), datagram.log()) + "\r\n");
    }

    /** The answer to a request that is surely not empty, or empty if it is no address of the kind asked. */
    abstract Optional<String> answer(String request);

    /**
     * What the service answers to {@code request}, without the line end, for a caller that is no socket (the rpc
     * service's {@code arp.lookup}).
     *
     * @throws IllegalArgumentException whose message is the service's answer to a request that is no address of the
     *     kind it takes: {@code Invalid address: "..."}
     */
    public final String lookup(String request) {
        String stripped = request.strip();
        return (stripped.isEmpty() ? Optional.<String>empty() : answer(stripped))
                .orElseThrow(() -> new IllegalArgumentException(invalid(stripped)));
    }

    /** The longest answer {@link #answer} gives, with its CRLF. */
    abstract int maxAnswerBytes();

    /**
     * An answer, or the invalid-address line, which repeats at most {@code ECHOED} request bytes
     * escaped (4 bytes each at worst); an empty request can only be invalid.
     */
    @Override
    public final int maxReplyBytes(int requestBytes) {
        int invalid = INVALID_FRAME + 4 * Math.min(requestBytes, ECHOED);
        return requestBytes == 0 ? invalid : Math.max(maxAnswerBytes(), invalid);
    }

    /** What kind of address the service takes, for the log. */
    abstract String name();

    private String answerAndLog(String raw, org.slf4j.Logger log) {
        String request = raw.strip();
        String answer = request.isEmpty()
                ? invalid(request)
                : answer(request).orElseGet(() -> invalid(request));
        log.info("{} {} -> {}", name(), Preview.of(request, ECHOED), answer);
        return answer;
    }

    static String invalid(String request) {
        return "Invalid address: " + Preview.of(request, ECHOED);
    }

    /** Its first call is a read: an idle connection need not hold a thread until its client sends. */
    @Override
    public boolean clientSpeaksFirst() {
        return true;
    }

    /**
     * The change of {@code table}, which arp and rarp share, to {@code fresh}'s (the same line from
     * both, applied once or twice alike), and of this service's own pause ({@code --request-pause}).
     */
    final ServiceReload reload(ArpTable table, ServiceSettings fresh) {
        ArpTable next = fresh.arpTable();
        Duration before = pause;
        Duration after = fresh.requestPause();
        List<String> changes = new ArrayList<>();
        table.changeTo(next).ifPresent(change -> changes.add("arp, rarp: table: " + change));
        if (!after.equals(before)) {
            changes.add(name() + ": --request-pause: " + Durations.format(before) + " -> " + Durations.format(after));
        }
        return new ServiceReload(changes, () -> {
            table.replaceWith(next);
            pause = after;
        });
    }
}
