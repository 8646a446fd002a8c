package dev.socklab.rpc;

import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON-RPC request text into a tree within the limits: its length, its nesting depth
 * (Jackson's {@link StreamReadConstraints}, so a deep text fails while it is read, before any tree
 * is built that deep), one JSON text and nothing after it, and no member named twice in an object
 * (which of two ids or methods would count is anyone's guess).
 */
final class JsonRpcParser {
    private final RpcLimits limits;
    private final JsonMapper mapper;

    JsonRpcParser(RpcLimits limits) {
        this.limits = limits;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth())
                .build();
        this.mapper = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).build();
    }

    /**
     * The tree of {@code request}.
     *
     * @throws RpcException -32700 if it is not one JSON text; -32001 if it is longer or nested deeper
     *     than the limits, or holds a number too long to read safely
     */
    JsonNode parse(String request) throws RpcException {
        // A character is at least a byte of UTF-8: more characters than the limit are more bytes too.
        if (request.length() > limits.maxRequestBytes()) {
            throw tooLarge();
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(request);
        } catch (StreamConstraintsException e) {
            throw new RpcException(ErrorCodes.TOO_LARGE, "the request is nested deeper than " + limits.maxDepth()
                    + " levels or holds a number longer than " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN
                    + " digits: send a flatter request", Map.of("max_depth", limits.maxDepth(),
                            "max_number_length", StreamReadConstraints.DEFAULT_MAX_NUM_LEN));
        } catch (JacksonException e) {
            throw new RpcException(ErrorCodes.PARSE_ERROR, "the request is not JSON: " + detail(e));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new RpcException(ErrorCodes.PARSE_ERROR, "the request is empty: send one JSON text");
        }
        return tree;
    }

    private RpcException tooLarge() {
        return new RpcException(ErrorCodes.TOO_LARGE, "the request is longer than the " + limits.maxRequestBytes()
                + " bytes the server takes: send it in parts", Map.of("max_bytes", limits.maxRequestBytes()));
    }

    /** Jackson's reason, without its location lines, cut to a line's length. */
    private static String detail(JacksonException e) {
        String reason = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
        return reason.length() <= 120 ? reason : reason.substring(0, 120) + "...";
    }
}
