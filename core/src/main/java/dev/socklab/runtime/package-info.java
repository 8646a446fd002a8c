/**
 * The runtime: everything around a service's talk. It binds sockets, accepts, runs each
 * connection, bounds it in time and size, turns clients away, guards UDP, and writes one line
 * per connection. A service sees none of it; it gets a {@link dev.socklab.service.Connection} or a
 * {@link dev.socklab.service.Datagram}.
 *
 * <h2>Its parts</h2>
 * <dl>
 *   <dt>Lifecycle</dt>
 *   <dd>{@link dev.socklab.runtime.Server} and its builder bind every {@link dev.socklab.runtime.Endpoint}
 *       (a {@link dev.socklab.runtime.Transport} and an address) or none, failing with a
 *       {@link dev.socklab.runtime.CannotBindException}, report each {@link dev.socklab.runtime.Binding},
 *       and stop by closing listeners, draining, then forcing. {@code ServerContext} is what a
 *       server's listeners and connections share; {@code Listener} is a bound socket and its loop,
 *       a {@code StreamListener} (accept) or a {@code DatagramReceiver} (receive);
 *       {@code UnixSocketFile} deletes only the socket file it created; {@code SocketNames},
 *       {@code Somaxconn} and {@code PollerWarmUp} serve the bind and the first wait.</dd>
 *   <dt>One connection</dt>
 *   <dd>{@code ConnectionTask} is a connection's life, and its Javadoc lists each state and the
 *       bound in force in it; {@code Outcome} is how it ended. {@code ChannelConnection} is the
 *       service's {@link dev.socklab.service.Connection}, put together from {@code ChannelWire}
 *       (the socket calls, counted; {@code TracedWire} under {@code --trace}), {@code Deadlines}
 *       (read, write and first request, which the {@code Watchdog} enforces), {@code WaitingReader}
 *       or, on the JDK's engine, {@code TimedReader} (a read that ends at a wait) and
 *       {@link dev.socklab.framing.LineFraming} (lines and chunks). Every socket call goes through
 *       the {@link dev.socklab.engine.StreamSocket} of the server's
 *       {@link dev.socklab.engine.IoEngine}. {@code OutboxWriter} sends for a service with an outbox; {@code TextLine} is a
 *       line with its CRLF. The bounds are the {@link dev.socklab.runtime.Limits}.</dd>
 *   <dt>Admission</dt>
 *   <dd>Before a client is served: the connection permit (in {@code ServerContext}), the
 *       address family, and each service's {@code ServiceGate}, made from the service's
 *       {@link dev.socklab.runtime.ServiceLimits}: its {@link dev.socklab.runtime.AccessPolicy},
 *       its {@link dev.socklab.runtime.SourceLimits} ({@code SourceConnections},
 *       {@code SourceRate}, by {@code SourceKey}), its own connection limit and idle timeout. A turned-away client may get one line ({@code Refusal}); the counts are
 *       kept in {@code RefusalCounts}, the listener's and the server's, and shown as {@link dev.socklab.runtime.Refusals}.</dd>
 *   <dt>Reloading</dt>
 *   <dd>{@link dev.socklab.runtime.Server#reconfigure} swaps the {@code ServerSettings} (everything
 *       but the listeners, engine and tracer) for new connections and datagrams, which read them once
 *       through volatile references; {@code SettingsChanges} says what changed, and
 *       {@link dev.socklab.runtime.Reconfigured} what needs a restart instead. The services' own new
 *       settings go in with them, so that open connections take a service's new idle timeout too.</dd>
 *   <dt>UDP</dt>
 *   <dd>{@code DatagramReceiver} hands each datagram to the service as a {@code ServerDatagram};
 *       the {@code ReflectionGuard} holds the replies to the {@link dev.socklab.runtime.UdpLimits}
 *       (service ports, a pair's repeats in {@code LoopBudget}, rates, each service's bound) and
 *       counts what it stopped, which the server reports as {@link dev.socklab.runtime.UdpDrops};
 *       {@link dev.socklab.runtime.Amplification} states the worst case at start-up.</dd>
 *   <dt>Logging</dt>
 *   <dd>{@code ConnectionLog} writes the one line each connection or exchange ends with, at most
 *       so many a second and a summary of the rest; {@code ThrottledLog} keeps a recurring warning
 *       to one line an interval. Tracing is {@link dev.socklab.trace.Tracer}'s, called at the
 *       listeners and around each connection's channel.</dd>
 *   <dt>Statistics</dt>
 *   <dd>Each listener's {@code ListenerCounts} (LongAdders) are added to as the work happens:
 *       connections accepted and ended, each read's and write's bytes (by {@code ChannelWire}, beside
 *       the connection's own count), datagrams each way, refusals and UDP drops. The server reads
 *       them as {@link dev.socklab.runtime.ListenerStats}, its open connections as
 *       {@link dev.socklab.runtime.OpenConnection}s, and its services'
 *       {@link dev.socklab.service.Gauges}: what the admin listener's {@code /metrics} and
 *       {@code /status} show.</dd>
 * </dl>
 *
 * <h2>Its threads</h2>
 * <ul>
 *   <li>the caller's, which builds, starts (binds) and stops the server;</li>
 *   <li>one platform thread per stream socket, accepting ({@code "hello/tcp accept 127.0.0.1:10000"}),
 *       and one per datagram socket, receiving and serving ({@code "hello/udp receive ..."});</li>
 *   <li>one platform daemon thread per server, {@code "socklab watchdog"}, that sweeps the
 *       deadlines and the outboxes' age, and the connection log's summary;</li>
 *   <li>on the epoll engine, one platform daemon thread per carrier ({@code "socklab carrier 0"}),
 *       the scheduler of its connections' virtual threads;</li>
 *   <li>one virtual thread per stream connection, named after the service and the client
 *       ({@code "hello 127.0.0.1:53422"}), that runs the service (on epoll, for a service whose
 *       client speaks first, from the client's first bytes); on the JDK's engine, while a read
 *       with a wait is outstanding, one more ({@code "... read"}); for a service with an outbox,
 *       one more that writes ({@code "... send"});</li>
 *   <li>once per process, a short-lived virtual thread that starts the JDK's poller.</li>
 * </ul>
 *
 * <h2>Its public types</h2>
 * {@link dev.socklab.runtime.Server}, {@link dev.socklab.runtime.Endpoint},
 * {@link dev.socklab.runtime.Transport}, {@link dev.socklab.runtime.Binding},
 * {@link dev.socklab.runtime.CannotBindException}, {@link dev.socklab.runtime.Limits},
 * {@link dev.socklab.runtime.ServiceLimits}, {@link dev.socklab.runtime.SettingException},
 * {@link dev.socklab.runtime.AccessPolicy}, {@link dev.socklab.runtime.SourceLimits},
 * {@link dev.socklab.runtime.UdpLimits}, {@link dev.socklab.runtime.Refusals},
 * {@link dev.socklab.runtime.UdpDrops}, {@link dev.socklab.runtime.ListenerStats},
 * {@link dev.socklab.runtime.OpenConnection} and {@link dev.socklab.runtime.Amplification}: what
 * configures a server and what it reports. Every other type is the runtime's own.
 */
package dev.socklab.runtime;
