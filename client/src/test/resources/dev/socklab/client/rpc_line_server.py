# A JSON-RPC 2.0 server over TCP, one JSON text a line, written as a small Python program would be:
# for RpcClientTest. It prints its port, serves one connection at a time on 127.0.0.1, and ends
# itself after two minutes or when its standard input closes (the JVM that started it is gone).
import json, os, signal, socket, sys, threading

signal.alarm(120)
threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()


def answer(request):
    """The lines to send for one request: a list, empty for none."""
    method, params, rid = request.get("method"), request.get("params", []), request.get("id")
    if method == "add":
        a, b = (params["a"], params["b"]) if isinstance(params, dict) else params
        return [{"jsonrpc": "2.0", "id": rid, "result": a + b}]
    if method == "echo":
        return [{"jsonrpc": "2.0", "id": rid, "result": params[0] if isinstance(params, list) else params}]
    if method == "fail":
        return [{"jsonrpc": "2.0", "id": rid,
                 "error": {"code": -32000, "message": "it failed", "data": {"why": "asked to"}}}]
    if method == "chatty":
        return [{"jsonrpc": "2.0", "method": "progress", "params": [50]},
                {"jsonrpc": "2.0", "id": rid, "result": "done"}]
    if method == "other":
        return [{"jsonrpc": "2.0", "id": rid + 100, "result": 1}]
    if method == "garbage":
        return ["this is not json"]
    if method == "silent":
        return []
    if method == "close":
        return None
    if method == "system.listMethods":
        return [{"jsonrpc": "2.0", "id": rid, "result": ["add", "echo"]}]
    if method == "system.methodSignature":
        sig = [["int", "int", "int"]] if params[0] == "add" else "signatures not supported"
        return [{"jsonrpc": "2.0", "id": rid, "result": sig}]
    if method == "system.methodHelp":
        if params[0] == "echo":
            return [{"jsonrpc": "2.0", "id": rid, "error": {"code": -32601, "message": "no help"}}]
        return [{"jsonrpc": "2.0", "id": rid, "result": "Adds two numbers."}]
    return [{"jsonrpc": "2.0", "id": rid, "error": {"code": -32601, "message": "no method called " + method}}]


s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
s.listen()
print(s.getsockname()[1], flush=True)
while True:
    c, _ = s.accept()
    with c, c.makefile("rb") as lines:
        for line in lines:
            replies = answer(json.loads(line))
            if replies is None:
                break
            # Sent in halves, so that the client joins a line from more than one read.
            data = "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in replies).encode()
            c.sendall(data[:len(data) // 2])
            c.sendall(data[len(data) // 2:])
