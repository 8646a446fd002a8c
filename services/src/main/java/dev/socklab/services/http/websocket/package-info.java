/**
 * The http service's WebSocket endpoints that stand alone: {@link
 * dev.socklab.services.http.websocket.WebSocketEcho} at {@code /ws}. The protocol itself, apart
 * from the socket, is core's {@code dev.socklab.websocket}.
 */
package dev.socklab.services.http.websocket;
