package org.eventdispatcher.dispatch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.eventdispatcher.protocol.message.Message;
import org.springframework.core.annotation.AnnotatedElementUtils;

/** One {@link OnCommand} method, checked once at start-up so that calling it cannot go wrong. */
final class CommandHandler {

    private enum Argument {
        MESSAGE,
        PEER
    }

    private final String command;
    private final int priority;
    private final Object bean;
    private final Method method;
    private final Argument[] arguments;
    private final HandlerTraits traits;

    private CommandHandler(String command, int priority, Object bean, Method method, Argument[] arguments) {
        this.command = command;
        this.priority = priority;
        this.bean = bean;
        this.method = method;
        this.arguments = arguments;
        this.traits = new HandlerTraits(
                priority >= MessageHandlers.SYSTEM, AnnotatedElementUtils.hasAnnotation(method, StopsDaemon.class));
    }

    /**
     * @throws IllegalStateException naming the method when its signature cannot be called
     */
    static CommandHandler of(String command, int priority, Object bean, Method method) {
        return of(command, priority, bean, method, true, true);
    }

    /**
     * An {@link OnConnect} ({@code mayReply}) or {@link OnDisconnect} method: it takes the peer or
     * nothing.
     *
     * @throws IllegalStateException naming the method when its signature cannot be called
     */
    static CommandHandler ofConnection(String event, int priority, Object bean, Method method, boolean mayReply) {
        return of(event, priority, bean, method, false, mayReply);
    }

    private static CommandHandler of(
            String command, int priority, Object bean, Method method, boolean takesMessage, boolean mayReply) {
        Class<?> returned = method.getReturnType();
        if (returned != void.class && (returned != Message.class || !mayReply)) {
            throw new IllegalStateException("handler " + describe(method) + " for " + command + " must return "
                    + (mayReply ? "Message or void" : "void") + ", not " + returned.getSimpleName());
        }
        Class<?>[] types = method.getParameterTypes();
        Argument[] arguments = new Argument[types.length];
        for (int i = 0; i < types.length; i++) {
            if (types[i] == Message.class && takesMessage) {
                arguments[i] = Argument.MESSAGE;
            } else if (types[i] == Peer.class) {
                arguments[i] = Argument.PEER;
            } else {
                throw new IllegalStateException("handler " + describe(method) + " for " + command
                        + " cannot be called: its parameters may only be "
                        + (takesMessage ? "Message and Peer" : "Peer"));
            }
        }
        if (Arrays.stream(arguments).distinct().count() != arguments.length) {
            throw new IllegalStateException("handler " + describe(method) + " for " + command
                    + " cannot be called: it takes the same kind of argument twice");
        }
        method.setAccessible(true);
        return new CommandHandler(command, priority, bean, method, arguments);
    }

    String command() {
        return command;
    }

    int priority() {
        return priority;
    }

    /** Marked {@link StopsDaemon}: the stop rule decides first. */
    boolean stopsDaemon() {
        return traits.stopsDaemon();
    }

    HandlerTraits traits() {
        return traits;
    }

    String description() {
        return describe(method);
    }

    /** Calls the handler; what it throws comes out unwrapped. */
    Message invoke(Message message, Peer peer) throws Throwable {
        Object[] values = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            values[i] = arguments[i] == Argument.MESSAGE ? message : peer;
        }
        try {
            return (Message) method.invoke(bean, values);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName()
                + Arrays.stream(method.getParameterTypes())
                        .map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")"));
    }
}
