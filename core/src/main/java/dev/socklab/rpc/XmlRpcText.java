package dev.socklab.rpc;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.socklab.trace.Preview;

/**
 * An XML-RPC document's bytes as text, decoded strictly in the encoding XML 1.0 (appendix F) says:
 * a byte order mark's, else the XML declaration's {@code encoding}, else UTF-8. The parser is
 * handed the text, not the bytes, because the JDK's own decoding prints {@code [Fatal Error]} to
 * {@code System.err} for malformed bytes near a document's start (its XML declaration scanner
 * reports them before StAX's reporter is in place): any client could fill the server's error
 * output.
 */
final class XmlRpcText {
    /** The declaration's encoding, where the declaration is in ASCII, as every XML-RPC peer writes it. */
    private static final Pattern DECLARED = Pattern.compile(
            "\\A<\\?xml[^>]*?\\sencoding\\s*=\\s*(['\"])([A-Za-z][A-Za-z0-9._-]*)\\1");
    /** Enough for any XML declaration a peer writes. */
    private static final int DECLARATION_BYTES = 256;

    private XmlRpcText() {
    }

    /** The text of {@code document}. */
    static CharBuffer of(byte[] document) throws MalformedXmlRpcException {
        Charset charset = StandardCharsets.UTF_8;
        int start = 0;
        if (startsWith(document, 0xEF, 0xBB, 0xBF)) {
            start = 3;
        } else if (startsWith(document, 0xFE, 0xFF) || startsWith(document, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16;
        } else {
            String head = new String(document, 0, Math.min(document.length, DECLARATION_BYTES),
                    StandardCharsets.ISO_8859_1);
            Matcher declared = DECLARED.matcher(head);
            if (declared.find()) {
                charset = charset(declared.group(2));
            }
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(document, start, document.length - start));
        } catch (CharacterCodingException e) {
            throw new MalformedXmlRpcException("the document is not " + charset.name() + " throughout");
        }
    }

    private static Charset charset(String name) throws MalformedXmlRpcException {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new MalformedXmlRpcException("the document's encoding " + Preview.of(name, 40) + " is unknown here");
        }
    }

    private static boolean startsWith(byte[] document, int... prefix) {
        if (document.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((document[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
