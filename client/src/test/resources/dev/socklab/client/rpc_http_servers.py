# Two third-party RPC servers over HTTP, for RpcOverHttpTest: Python's own SimpleXMLRPCServer
# (allow_none, introspection) and jsonrpclib-pelix's SimpleJSONRPCServer at /jsonrpc, both on
# 127.0.0.1. It prints their two ports on one line, and ends itself after two minutes or when its
# standard input closes.
import datetime, os, signal, sys, threading
from xmlrpc.server import SimpleXMLRPCServer, SimpleXMLRPCRequestHandler
import xmlrpc.client
from jsonrpclib.SimpleJSONRPCServer import SimpleJSONRPCServer, SimpleJSONRPCRequestHandler

signal.alarm(120)
threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()


def add(a, b):
    """Adds two numbers."""
    return a + b


def echo(value):
    return value


def fail():
    raise xmlrpc.client.Fault(-32000, "it failed")


def blob():
    return xmlrpc.client.Binary(b"\x00\x01\xfe\xff")


def when():
    return datetime.datetime(1998, 7, 17, 14, 8, 55)


class Quiet(SimpleXMLRPCRequestHandler):
    def log_message(self, *args):
        pass


class JsonAtPath(SimpleJSONRPCRequestHandler):
    rpc_paths = ("/jsonrpc",)

    def log_message(self, *args):
        pass


xml = SimpleXMLRPCServer(("127.0.0.1", 0), requestHandler=Quiet, allow_none=True, logRequests=False)
xml.register_introspection_functions()
for f in (add, echo, fail, blob, when):
    xml.register_function(f)
js = SimpleJSONRPCServer(("127.0.0.1", 0), requestHandler=JsonAtPath, logRequests=False)
for f in (add, echo):
    js.register_function(f)
threading.Thread(target=js.serve_forever, daemon=True).start()
print(xml.server_address[1], js.server_address[1], flush=True)
xml.serve_forever()
