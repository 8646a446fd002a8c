package dev.socklab.benchmarks.netty;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/** UDP echo: each datagram back to its sender, flushed once per batch of reads. */
@Sharable
final class UdpEchoHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    UdpEchoHandler() {
        super(false); // the received buffer is sent back, and released by the write
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ctx.write(new DatagramPacket(packet.content(), packet.sender()), ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP port unreachable from a departed client shows up here; the socket serves on.
    }
}
