# JSON-RPC over HTTP with python3-jsonrpclib-pelix: a call, an error, a batch (MultiCall), a notification.
import sys
import jsonrpclib

server = jsonrpclib.Server("http://127.0.0.1:%s/jsonrpc" % sys.argv[1])
print("add", server.add(2, 3))
try:
    server.nope()
except jsonrpclib.ProtocolError as e:
    print("error", e.args[0][0])
batch = jsonrpclib.MultiCall(server)
batch.add(1, 2)
batch.echo("x")
print("multicall", list(batch()))
server._notify.echo("nobody hears")
print("notify", "sent")
