package dev.socklab.services.rpc;

import java.io.IOException;

import dev.socklab.http.HttpException;
import dev.socklab.rpc.XmlRpc;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.Route;

/** XML-RPC over HTTP, {@code POST /RPC2}, as Python's {@code ServerProxy} calls it. */
public final class XmlRpcRoute implements Route {
    private final XmlRpc rpc;

    /** Answers with {@code rpc}. */
    public XmlRpcRoute(XmlRpc rpc) {
        this.rpc = rpc;
    }

    @Override
    public void handle(Exchange exchange) throws IOException, HttpException {
        throw new UnsupportedOperationException("being written");
    }
}
