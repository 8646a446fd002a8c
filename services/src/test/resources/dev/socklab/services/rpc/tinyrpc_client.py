# JSON-RPC over HTTP with python3-tinyrpc: HttpPostClientTransport and JSONRPCProtocol.
import json
import sys

from tinyrpc import RPCClient
from tinyrpc.exc import RPCError
from tinyrpc.protocols.jsonrpc import JSONRPCProtocol
from tinyrpc.transports.http import HttpPostClientTransport

protocol = JSONRPCProtocol()
transport = HttpPostClientTransport("http://127.0.0.1:%s/jsonrpc" % sys.argv[1])
client = RPCClient(protocol, transport)
proxy = client.get_proxy()
print("add", proxy.add(2, 3))
print("named", client.call("add", [], {"a": 4, "b": 5}))
try:
    proxy.add("2", 3)
except RPCError as e:
    print("error", type(e).__name__)
# tinyrpc 0.6 writes a batch but neither its client (batch_call) nor its reply parser takes one back:
# its transport sends it, and its parser reads each reply of the array.
batch = protocol.create_batch_request([protocol.create_request("add", [1, 2]), protocol.create_request("echo", ["x"])])
replies = json.loads(transport.send_message(batch.serialize()))
print("batch", [protocol.parse_reply(json.dumps(reply)).result for reply in replies])
client.call("echo", ["nobody hears"], {}, one_way=True)
print("notify", "sent")
