package org.eventdispatcher.dispatch;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eventdispatcher.protocol.contract.MessageDefinitions;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/** Command → handler, built once from the {@link MessageHandlers} beans. */
final class HandlerTable {

    /** No handler: every command is unknown (a dispatcher's table until its handlers are given). */
    static final HandlerTable EMPTY = new HandlerTable(Map.of(), new TreeSet<>(), List.of(), List.of());

    private final Map<String, CommandHandler> handlers;
    private final SortedSet<String> listed;
    private final List<CommandHandler> onConnect;
    private final List<CommandHandler> onDisconnect;

    private HandlerTable(
            Map<String, CommandHandler> handlers,
            SortedSet<String> listed,
            List<CommandHandler> onConnect,
            List<CommandHandler> onDisconnect) {
        this.handlers = handlers;
        this.listed = Collections.unmodifiableSortedSet(listed);
        this.onConnect = sorted(onConnect);
        this.onDisconnect = sorted(onDisconnect);
    }

    /** By priority, the application's first; in the order found within one priority. */
    private static List<CommandHandler> sorted(List<CommandHandler> handlers) {
        return handlers.stream()
                .sorted(Comparator.comparingInt(CommandHandler::priority))
                .toList();
    }

    /**
     * @param definitions the definition files: each command's file, if any, is checked with what its
     *                    handler's arguments declare
     * @throws IllegalStateException when one command has two handlers at one priority, naming
     *                               both, when a handler cannot be called, or when a handler's
     *                               arguments contradict its command's definition file
     */
    static HandlerTable of(List<?> beans, MessageDefinitions definitions) {
        Map<String, CommandHandler> handlers = new HashMap<>();
        SortedSet<String> listed = new TreeSet<>();
        List<CommandHandler> onConnect = new ArrayList<>();
        List<CommandHandler> onDisconnect = new ArrayList<>();
        for (Object bean : beans) {
            Class<?> type = AopUtils.getTargetClass(bean);
            MessageHandlers marker = AnnotatedElementUtils.findMergedAnnotation(type, MessageHandlers.class);
            int priority = marker == null ? MessageHandlers.APPLICATION : marker.priority();
            Map<Method, OnCommand> methods =
                    MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<OnCommand>)
                            method -> AnnotatedElementUtils.findMergedAnnotation(method, OnCommand.class));
            methods.forEach((method, annotation) -> {
                listed.add(annotation.value());
                String named = annotation.value();
                add(handlers, CommandHandler.of(named, named, priority, bean, method, definitions));
                for (String alias : annotation.aliases()) {
                    add(handlers, CommandHandler.of(alias, named, priority, bean, method, definitions));
                }
            });
            MethodIntrospector.selectMethods(type, (ReflectionUtils.MethodFilter)
                            method -> AnnotatedElementUtils.hasAnnotation(method, OnConnect.class))
                    .forEach(method ->
                            onConnect.add(CommandHandler.ofConnection("@OnConnect", priority, bean, method, true)));
            MethodIntrospector.selectMethods(type, (ReflectionUtils.MethodFilter)
                            method -> AnnotatedElementUtils.hasAnnotation(method, OnDisconnect.class))
                    .forEach(method -> onDisconnect.add(
                            CommandHandler.ofConnection("@OnDisconnect", priority, bean, method, false)));
        }
        return new HandlerTable(Map.copyOf(handlers), listed, onConnect, onDisconnect);
    }

    private static void add(Map<String, CommandHandler> handlers, CommandHandler handler) {
        CommandHandler existing = handlers.get(handler.command());
        if (existing == null || handler.priority() < existing.priority()) {
            handlers.put(handler.command(), handler);
        } else if (handler.priority() == existing.priority()) {
            throw new IllegalStateException("command " + handler.command() + " has two handlers: "
                    + existing.description() + " and " + handler.description());
        }
    }

    CommandHandler find(String command) {
        return handlers.get(command);
    }

    /**
     * The commands {@code HELP} lists to {@code peer}: those its listener carries. Worked out for
     * each HELP: rare, and not worth a table per listener.
     */
    SortedSet<String> commands(Peer peer) {
        SortedSet<String> carried = new TreeSet<>();
        for (String command : listed) {
            if (handlers.get(command).carriedOn(peer)) {
                carried.add(command);
            }
        }
        return carried;
    }

    /** Each listener name a handler class is limited to, with the commands limited to it, sorted. */
    SortedMap<String, SortedSet<String>> commandsByListener() {
        SortedMap<String, SortedSet<String>> limited = new TreeMap<>();
        for (String command : listed) {
            for (String listener : handlers.get(command).listeners()) {
                limited.computeIfAbsent(listener, name -> new TreeSet<>()).add(command);
            }
        }
        return limited;
    }

    /** The {@link OnConnect} methods, in the order they run. */
    List<CommandHandler> onConnect() {
        return onConnect;
    }

    /** The {@link OnDisconnect} methods, in the order they run. */
    List<CommandHandler> onDisconnect() {
        return onDisconnect;
    }

    /** The commands {@code HELP} lists: every handled command but aliases, sorted. */
    SortedSet<String> commands() {
        return listed;
    }
}
