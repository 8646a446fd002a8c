package dev.socklab.tftp;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/** One TFTP packet, decoded ({@link PacketCodec}): RFC 1350's five kinds and RFC 2347's OACK. */
public sealed interface Packet {
    /** The opcode this packet goes by on the wire: {@link PacketCodec#RRQ} to {@link PacketCodec#OACK}. */
    int opcode();

    /** RRQ (opcode 1) or WRQ (2): a file name, a mode, and the options asked for, their names in lower case. */
    record Request(boolean write, String filename, String mode, SequencedMap<String, String> options)
            implements Packet {
        public Request {
            options = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(options));
        }

        @Override
        public int opcode() {
            return write ? PacketCodec.WRQ : PacketCodec.RRQ;
        }
    }

    /** DATA (3): a block of the file, numbered from 1, modulo 65536. */
    record Data(int block, ByteBuffer payload) implements Packet {
        @Override
        public int opcode() {
            return PacketCodec.DATA;
        }
    }

    /** ACK (4): the block received, or 0 for a WRQ's go-ahead and an OACK's acknowledgement. */
    record Ack(int block) implements Packet {
        @Override
        public int opcode() {
            return PacketCodec.ACK;
        }
    }

    /** ERROR (5): a code (anything a peer sends, not only {@link ErrorCode}'s) and a message. */
    record Error(int code, String message) implements Packet {
        @Override
        public int opcode() {
            return PacketCodec.ERROR;
        }
    }

    /** OACK (6): the options the server took, each with its value. */
    record OptionAck(SequencedMap<String, String> options) implements Packet {
        public OptionAck {
            options = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(options));
        }

        @Override
        public int opcode() {
            return PacketCodec.OACK;
        }
    }
}
