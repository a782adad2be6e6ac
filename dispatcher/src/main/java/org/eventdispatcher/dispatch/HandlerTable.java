package org.eventdispatcher.dispatch;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/** Command → handler, built once from the {@link MessageHandlers} beans. */
final class HandlerTable {

    private final Map<String, CommandHandler> handlers;
    private final SortedSet<String> listed;

    private HandlerTable(Map<String, CommandHandler> handlers, SortedSet<String> listed) {
        this.handlers = handlers;
        this.listed = Collections.unmodifiableSortedSet(listed);
    }

    /**
     * @throws IllegalStateException when one command has two handlers at one priority, naming
     *                               both, or when a handler cannot be called
     */
    static HandlerTable of(List<?> beans) {
        Map<String, CommandHandler> handlers = new HashMap<>();
        SortedSet<String> listed = new TreeSet<>();
        for (Object bean : beans) {
            Class<?> type = AopUtils.getTargetClass(bean);
            MessageHandlers marker = AnnotatedElementUtils.findMergedAnnotation(type, MessageHandlers.class);
            int priority = marker == null ? MessageHandlers.APPLICATION : marker.priority();
            Map<Method, OnCommand> methods = MethodIntrospector.selectMethods(type,
                    (MethodIntrospector.MetadataLookup<OnCommand>) method ->
                            AnnotatedElementUtils.findMergedAnnotation(method, OnCommand.class));
            methods.forEach((method, annotation) -> {
                listed.add(annotation.value());
                add(handlers, CommandHandler.of(annotation.value(), priority, bean, method));
                for (String alias : annotation.aliases()) {
                    add(handlers, CommandHandler.of(alias, priority, bean, method));
                }
            });
        }
        return new HandlerTable(Map.copyOf(handlers), listed);
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

    /** The commands {@code HELP} lists: every handled command but aliases, sorted. */
    SortedSet<String> commands() {
        return listed;
    }
}
