package org.eventdispatcher.dispatch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.eventdispatcher.dispatch.contract.Param;
import org.eventdispatcher.dispatch.contract.ParameterBinding;
import org.eventdispatcher.protocol.contract.MessageContract;
import org.eventdispatcher.protocol.contract.MessageDefinitions;
import org.eventdispatcher.protocol.contract.ParameterRule;
import org.eventdispatcher.protocol.message.Message;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;

/** One {@link OnCommand} method, checked once at start-up so that calling it cannot go wrong. */
final class CommandHandler {

    private enum Argument {
        MESSAGE,
        PEER,
        PARAMETER
    }

    private final String command;
    private final int priority;
    private final Object bean;
    private final Method method;
    private final Argument[] arguments;
    /** The {@link Param} arguments' bindings, at their places; null elsewhere. */
    private final ParameterBinding[] bindings;

    private final HandlerTraits traits;
    /** What a message must keep before the handler runs; null when nothing is declared. */
    private final MessageContract contract;
    /** The named listeners its class is limited to ({@link MessageHandlers#listeners()}); null: every one. */
    private final @Nullable Set<String> listeners;

    private CommandHandler(
            String command,
            int priority,
            Object bean,
            Method method,
            Argument[] arguments,
            ParameterBinding[] bindings,
            MessageContract contract) {
        this.command = command;
        this.priority = priority;
        this.bean = bean;
        this.method = method;
        this.arguments = arguments;
        this.bindings = bindings;
        this.contract = contract;
        this.traits = new HandlerTraits(
                priority >= MessageHandlers.SYSTEM, AnnotatedElementUtils.hasAnnotation(method, StopsDaemon.class));
        MessageHandlers marker =
                AnnotatedElementUtils.findMergedAnnotation(AopUtils.getTargetClass(bean), MessageHandlers.class);
        this.listeners = marker == null || marker.listeners().length == 0 ? null : Set.of(marker.listeners());
    }

    /**
     * @param command     the command, or one of its aliases
     * @param named       the command as {@link OnCommand#value()} names it: an alias is the same
     *                    command under an older name, and keeps that command's contract
     * @param definitions the definition files: the command's file, if any, is its contract with
     *                    what the {@link Param} arguments declare
     * @throws IllegalStateException naming the method when its signature cannot be called, or when
     *                               its arguments contradict the command's definition file
     */
    static CommandHandler of(
            String command, String named, int priority, Object bean, Method method, MessageDefinitions definitions) {
        CommandHandler handler = of(command, priority, bean, method, true, true);
        MessageContract declared = handler.declaredContract();
        MessageContract file = definitions.find(named).orElse(null);
        MessageContract contract;
        try {
            contract = file == null ? declared : declared == null ? file : file.with(declared);
        } catch (IllegalArgumentException contradiction) {
            throw new IllegalStateException(contradiction.getMessage());
        }
        // a file that declares no parameter (DAD.conf, HELP.conf) checks nothing: no check on the hot path
        boolean checks = contract != null && !contract.rules().isEmpty();
        return new CommandHandler(
                command, priority, bean, method, handler.arguments, handler.bindings, checks ? contract : null);
    }

    /** What the {@link Param} arguments declare, or null when there are none. */
    private MessageContract declaredContract() {
        List<ParameterRule> rules = Arrays.stream(bindings)
                .filter(Objects::nonNull)
                .map(ParameterBinding::rule)
                .toList();
        return rules.isEmpty() ? null : new MessageContract(command, rules, describe(method));
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
        Parameter[] parameters = method.getParameters();
        Argument[] arguments = new Argument[parameters.length];
        ParameterBinding[] bindings = new ParameterBinding[parameters.length];
        Set<String> bound = new HashSet<>();
        for (int i = 0; i < parameters.length; i++) {
            Param param = parameters[i].getAnnotation(Param.class);
            Class<?> type = parameters[i].getType();
            if (param != null && takesMessage) {
                if (!bound.add(param.value())) {
                    throw new IllegalStateException("handler " + describe(method) + " for " + command
                            + " binds parameter " + param.value() + " twice");
                }
                arguments[i] = Argument.PARAMETER;
                bindings[i] = ParameterBinding.of(method, parameters[i], param);
            } else if (type == Message.class && takesMessage) {
                arguments[i] = Argument.MESSAGE;
            } else if (type == Peer.class) {
                arguments[i] = Argument.PEER;
            } else {
                throw new IllegalStateException("handler " + describe(method) + " for " + command
                        + " cannot be called: its parameters may only be "
                        + (takesMessage ? "Message, Peer and @Param arguments" : "Peer"));
            }
        }
        if (count(arguments, Argument.MESSAGE) > 1 || count(arguments, Argument.PEER) > 1) {
            throw new IllegalStateException("handler " + describe(method) + " for " + command
                    + " cannot be called: it takes the same kind of argument twice");
        }
        method.setAccessible(true);
        return new CommandHandler(command, priority, bean, method, arguments, bindings, null);
    }

    private static long count(Argument[] arguments, Argument kind) {
        return Arrays.stream(arguments).filter(argument -> argument == kind).count();
    }

    String command() {
        return command;
    }

    int priority() {
        return priority;
    }

    /**
     * True when the peer's listener carries this handler: always for a class not limited to named
     * listeners (one field read on the hot path), and for a peer on no named listener.
     */
    boolean carriedOn(Peer peer) {
        return listeners == null || peer.listener().isEmpty() || listeners.contains(peer.listener());
    }

    /** Marked {@link StopsDaemon}: the stop rule decides first. */
    boolean stopsDaemon() {
        return traits.stopsDaemon();
    }

    HandlerTraits traits() {
        return traits;
    }

    /** What a message must keep before {@link #invoke} may be called with it; null when nothing is declared. */
    /** The named listeners its class is limited to; empty: every one. */
    Set<String> listeners() {
        return listeners == null ? Set.of() : listeners;
    }

    MessageContract contract() {
        return contract;
    }

    String description() {
        return describe(method);
    }

    /** Calls the handler; what it throws comes out unwrapped. */
    Message invoke(Message message, Peer peer) throws Throwable {
        Object[] values = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            values[i] = switch (arguments[i]) {
                case MESSAGE -> message;
                case PEER -> peer;
                case PARAMETER -> bindings[i].valueIn(message);
            };
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
