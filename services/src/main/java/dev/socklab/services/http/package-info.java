/**
 * The http service: HTTP/1.1 over a {@link dev.socklab.service.Connection}, requests read one after
 * another by {@link dev.socklab.services.http.HttpService}, each handed as an {@link
 * dev.socklab.services.http.Exchange} to the {@link dev.socklab.services.http.Route} its path leads
 * to. A route reads the request and answers once; the service frames the answer, keeps the
 * connection for the next request or closes it, and holds every request to its deadlines.
 */
package dev.socklab.services.http;
