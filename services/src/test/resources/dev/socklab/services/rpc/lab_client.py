import json, socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
f = s.makefile("rw", encoding="utf-8", newline="\n")
for request in [{"jsonrpc": "2.0", "method": "add", "params": [2, 3], "id": 1},
                [{"jsonrpc": "2.0", "method": "add", "params": [1, 2], "id": 2}, {"jsonrpc": "2.0", "method": "echo", "params": ["x"], "id": 3}],
                {"jsonrpc": "2.0", "method": "echo", "params": ["nobody hears"]},
                {"jsonrpc": "2.0", "method": "echo", "params": ["after"], "id": 4}]:
    f.write(json.dumps(request) + "\n"); f.flush()
    if not isinstance(request, dict) or "id" in request:
        print(json.dumps(json.loads(f.readline()), sort_keys=True))
