/**
 * WebSocket (RFC 6455) apart from the socket: the opening handshake's checks ({@link
 * dev.socklab.websocket.Handshake}), frames read into messages ({@link
 * dev.socklab.websocket.MessageReader}, from any {@link dev.socklab.framing.ByteSource}) and
 * written ({@link dev.socklab.websocket.FrameWriter}), for either end ({@link
 * dev.socklab.websocket.Role}). No extensions and no subprotocols are spoken.
 *
 * <p>Every limit is checked before anything is allocated for it: a frame's length against the
 * message limit as soon as its header is read, so a frame that claims 2^63 bytes costs nothing.
 */
package dev.socklab.websocket;
