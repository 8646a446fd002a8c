#!/usr/bin/python3
"""The Python RPC servers that benchmarks/compare-rpc measures socklab's rpc service against.

Each is written as a Python programmer writes one with the standard library alone, with a thread
per connection, serving add(a, b) and echo(value) on 127.0.0.1 and the port given:

  xmlrpc        xmlrpc.server.SimpleXMLRPCServer with socketserver.ThreadingMixIn, at /RPC2
  jsonrpc-tcp   socketserver.ThreadingTCPServer: JSON-RPC 2.0, one JSON text a line
  jsonrpc-http  http.server.ThreadingHTTPServer: JSON-RPC 2.0 at POST /jsonrpc

Two settings differ from the defaults, both in Python's favour: the HTTP servers speak HTTP/1.1,
so that a connection is kept alive as the load generator's is (HTTP/1.0 would close it after every
call), and every handler disables Nagle's algorithm, since the HTTP handlers write a response's
head and body separately and Nagle would hold the body back for the client's delayed ACK (40 ms).

Usage: rpc_servers.py KIND PORT. It prints "listening on 127.0.0.1:PORT" and serves until SIGTERM.
"""
import http.server
import json
import signal
import socketserver
import sys
import xmlrpc.server

HOST = "127.0.0.1"


def add(a, b):
    return a + b


def echo(value):
    return value


METHODS = {"add": add, "echo": echo}


def answer(line):
    """The JSON-RPC 2.0 response to one request, as bytes, or None for a notification."""
    try:
        request = json.loads(line)
    except ValueError:
        return json.dumps({"jsonrpc": "2.0", "error": {"code": -32700, "message": "Parse error"}, "id": None}).encode()
    rid = request.get("id")
    method = METHODS.get(request.get("method"))
    if method is None:
        response = {"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": rid}
    else:
        params = request.get("params", [])
        try:
            result = method(**params) if isinstance(params, dict) else method(*params)
            response = {"jsonrpc": "2.0", "result": result, "id": rid}
        except TypeError as e:
            response = {"jsonrpc": "2.0", "error": {"code": -32602, "message": str(e)}, "id": rid}
    return None if "id" not in request else json.dumps(response).encode()


class XmlRpcHandler(xmlrpc.server.SimpleXMLRPCRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    rpc_paths = ("/RPC2",)


class ThreadingXmlRpcServer(socketserver.ThreadingMixIn, xmlrpc.server.SimpleXMLRPCServer):
    daemon_threads = True


class JsonLineHandler(socketserver.StreamRequestHandler):
    disable_nagle_algorithm = True

    def handle(self):
        for line in self.rfile:
            response = answer(line)
            if response is not None:
                self.wfile.write(response + b"\n")


class ThreadingJsonTcpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class JsonHttpHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_POST(self):
        if self.path != "/jsonrpc":
            self.send_error(404)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        response = answer(body) or b""
        self.send_response(200 if response else 204)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(response)))
        self.end_headers()
        self.wfile.write(response)

    def log_message(self, format, *args):
        pass  # a line a call would measure the terminal


def serve(kind, port):
    if kind == "xmlrpc":
        server = ThreadingXmlRpcServer((HOST, port), requestHandler=XmlRpcHandler, logRequests=False)
        server.register_function(add)
        server.register_function(echo)
    elif kind == "jsonrpc-tcp":
        server = ThreadingJsonTcpServer((HOST, port), JsonLineHandler)
    elif kind == "jsonrpc-http":
        server = http.server.ThreadingHTTPServer((HOST, port), JsonHttpHandler)
        server.daemon_threads = True
    else:
        sys.exit("unknown kind " + kind + ": xmlrpc, jsonrpc-tcp or jsonrpc-http")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print("listening on %s:%d" % (HOST, port), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    serve(sys.argv[1], int(sys.argv[2]))
