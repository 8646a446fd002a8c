"""XML-RPC as the lab writes it, with Python's own client: ServerProxy, introspection, MultiCall.

Usage: xmlrpc_lab.py URL URL_ALLOWING_NONE
Prints one line per finding; "check NAME ok" or "check NAME FAILED ..." for each comparison.
"""
import datetime
import sys
import xmlrpc.client

url, url_allowing_none = sys.argv[1], sys.argv[2]


def check(name, ok, detail=""):
    print("check", name, "ok" if ok else "FAILED " + detail)


s = xmlrpc.client.ServerProxy(url)
print("methods", s.system.listMethods())
print("help add:", s.system.methodHelp("add"))
print("signature add:", s.system.methodSignature("add"))
print("add", s.add(2, 3))

values = {
    "int": 42,
    "smallest int": -2**31,
    "true": True,
    "false": False,
    "string": "a < b & c > d ]]> \u00e9 \u2603 \U0001F600 tab\tline\n",
    "empty string": "",
    "double": 0.1,
    "large double": -1.5e300,
    "DateTime": xmlrpc.client.DateTime(datetime.datetime(1998, 7, 17, 14, 8, 55)),
    "Binary": xmlrpc.client.Binary(bytes(range(256))),
    "dict": {"a": 1, "b": [1, "two", {"c": 3.5}], "": "empty name"},
    "list": [1, "two", [3, [4]], {}, True],
    "empty list": [],
}
for name, value in values.items():
    back = s.echo(value)
    check("echo " + name, back == value and type(back) is type(value), repr(back))

builtin = xmlrpc.client.ServerProxy(url, use_builtin_types=True)
for name, value in {"datetime": datetime.datetime(2026, 12, 6, 23, 59, 59), "bytes": b"\x00\xffbin"}.items():
    back = builtin.echo(value)
    check("echo " + name, back == value and type(back) is type(value), repr(back))

multi = xmlrpc.client.MultiCall(s)
multi.add(1, 2)
multi.nope()
multi.echo("after the fault")
results = multi()
print("multicall 0:", results[0])
try:
    results[1]
except xmlrpc.client.Fault as f:
    print("multicall 1: fault", f.faultCode, f.faultString)
print("multicall 2:", results[2])

for name, call in (("wrong params", lambda: s.add(1, "two")), ("unknown method", lambda: s.nope())):
    try:
        call()
        print("fault", name, "none")
    except xmlrpc.client.Fault as f:
        print("fault", name + ":", f.faultCode, f.faultString)

try:
    xmlrpc.client.ServerProxy(url, allow_none=True).echo(None)
    print("none refused: no")
except xmlrpc.client.Fault as f:
    print("none refused:", f.faultCode, f.faultString)
allowing = xmlrpc.client.ServerProxy(url_allowing_none, allow_none=True)
check("echo None", allowing.echo(None) is None)
check("nothing", allowing.nothing() is None)
check("None in a list", allowing.echo([1, None]) == [1, None])

try:
    allowing.sleep(60000)
    print("deadline: none")
except xmlrpc.client.Fault as f:
    print("deadline:", f.faultCode, f.faultString)

ports = {s.peer.port() for _ in range(50)}
print("connections for 50 calls:", len(ports))

try:
    s.echo("x" * (2 << 20))
    print("too large: answered")
except xmlrpc.client.ProtocolError as e:
    print("too large: ProtocolError", e.errcode, e.errmsg)
except OSError as e:
    print("too large:", type(e).__name__, e)
print("after too large:", s.add(20, 22))
