/**
 * TFTP's packets, RFC 1350 with RFC 2347's OACK, apart from any socket: {@link
 * dev.socklab.tftp.PacketCodec} decodes a datagram strictly into a {@link dev.socklab.tftp.Packet}
 * or a {@link dev.socklab.tftp.TftpException} carrying the {@link dev.socklab.tftp.ErrorCode} to
 * answer with, and encodes every packet either side sends. The tftp service and socklab's TFTP
 * client both speak through it, and the tests and the fuzz target feed it bytes in memory.
 */
package dev.socklab.tftp;
