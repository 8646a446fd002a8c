/**
 * The I/O engines a server's connections run on: which threads run them, and how their socket
 * calls wait. {@link dev.socklab.engine.IoEngine} starts one; the runtime makes every socket call
 * of a connection through its {@link dev.socklab.engine.StreamSocket} (of a UDP exchange, its
 * {@link dev.socklab.engine.UdpSocket}), and nothing else in
 * socklab knows which engine runs.
 *
 * <dl>
 *   <dt>epoll</dt>
 *   <dd>{@code EpollEngine} starts one {@code Carrier} per core: a platform thread that owns an
 *       epoll set ({@code Epoll}, libc through the FFM API) and is the scheduler of its sockets'
 *       virtual threads ({@code SchedulerHook}, the one class that reaches into the JDK for it).
 *       A {@code CarrierSocket} makes its calls with {@code recv} and {@code send}
 *       ({@code SocketCalls}) and parks on its {@code Readiness} only when one would block;
 *       a {@code CarrierUdpSocket} (an exchange's UDP socket of its own) does the same with the
 *       channel's non-blocking {@code receive} and {@code send}; {@code ChannelFd} gives the
 *       descriptor under a JDK channel.</dd>
 *   <dt>jdk</dt>
 *   <dd>{@code JdkEngine}, {@code JdkSocket} and {@code JdkUdpSocket}: blocking channels on the JDK's own
 *       virtual-thread scheduler and poller. The fallback where epoll cannot run, with the reason
 *       in its description.</dd>
 * </dl>
 */
package dev.socklab.engine;
