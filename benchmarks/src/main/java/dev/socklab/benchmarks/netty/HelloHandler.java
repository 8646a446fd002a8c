package dev.socklab.benchmarks.netty;

import java.nio.charset.StandardCharsets;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/** The lab's greeting, as socklab's hello sends it: {@code Hello World!\r\n} as soon as the client connects, then close. */
@Sharable
final class HelloHandler extends ChannelInboundHandlerAdapter {
    private static final byte[] GREETING = "Hello World!\r\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(ctx.alloc().buffer(GREETING.length).writeBytes(GREETING))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // What the client sends is not read by the greeting: drop it.
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
