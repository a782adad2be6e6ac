package org.eventdispatcher.bench.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The conversation of {@link PlainNettyServer}, each connection's handling on a shared pool's
 * threads rather than its event loop, in the order its events came: the simplest correct hand-off
 * a Netty user would write, to measure what a thread crossing per line costs on Netty alone. The
 * loop decodes a line and queues its handling; a pool thread drains the connection's queue and
 * writes each reply with {@code ctx.writeAndFlush} (which Netty turns into one task of the loop).
 * The greeting and the close after the peer's half-close go through the queue too, as handlers.
 * Reads stay automatic: nothing bounds the queue but the peer waiting for its replies, as in the
 * conversation measured.
 */
final class HandedOffConversation extends ChannelInboundHandlerAdapter {

    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** True from the moment a drain is handed to the pool until it finds nothing more to run. */
    private final AtomicBoolean draining = new AtomicBoolean();

    HandedOffConversation(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handOff(() -> write(ctx, PlainNettyServer.HI));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        ByteBuf line = (ByteBuf) message;
        String command;
        try {
            command = line.toString(StandardCharsets.UTF_8).strip();
        } finally {
            line.release();
        }
        handOff(() -> write(ctx, PlainNettyServer.answer(command)));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        handOff(ctx::close); // the peer closed its side: closed after its lines are answered
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private static void write(ChannelHandlerContext ctx, byte[] reply) {
        ctx.writeAndFlush(ctx.alloc().ioBuffer(reply.length).writeBytes(reply), ctx.voidPromise());
    }

    private void handOff(Runnable task) {
        tasks.add(task);
        if (draining.compareAndSet(false, true)) {
            pool.execute(this::drain);
        }
    }

    private void drain() {
        do {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
            draining.set(false);
            // a task added after the last poll, by a loop that saw this drain still running
        } while (!tasks.isEmpty() && draining.compareAndSet(false, true));
    }
}
