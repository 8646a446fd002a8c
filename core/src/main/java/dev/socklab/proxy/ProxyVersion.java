package dev.socklab.proxy;

/** A version of HAProxy's PROXY protocol header. */
public enum ProxyVersion {
    /** The human-readable line: {@code PROXY TCP4 203.0.113.7 192.0.2.1 5000 80\r\n}, at most 107 bytes. */
    V1,
    /** The binary header: a 12-byte signature, version and command, family, length, addresses and TLVs. */
    V2
}
