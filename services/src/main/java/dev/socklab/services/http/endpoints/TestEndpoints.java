package dev.socklab.services.http.endpoints;

import dev.socklab.services.http.Router;

/** The test endpoints, always served: what httpbin, go-httpbin and traefik/whoami offer, on socklab's runtime. */
public final class TestEndpoints {
    private TestEndpoints() {
    }

    /** Adds every test endpoint to {@code router}. */
    public static Router register(Router router) {
        return router
                .exact("/anything", new RequestEcho(RequestEcho.View.ANYTHING))
                .prefix("/anything/", new RequestEcho(RequestEcho.View.ANYTHING))
                .exact("/headers", new RequestEcho(RequestEcho.View.HEADERS))
                .exact("/ip", new RequestEcho(RequestEcho.View.IP))
                .prefix("/status/", new StatusCode())
                .prefix("/delay/", new Delay())
                .prefix("/bytes/", new RandomBytes())
                .prefix("/stream/", new JsonLines())
                .exact("/drip", new Drip())
                .exact("/echo", new Echo())
                .exact("/health", new Health())
                .exact("/sse", new ServerSentEvents());
    }
}
