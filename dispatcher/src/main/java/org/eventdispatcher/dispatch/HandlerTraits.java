package org.eventdispatcher.dispatch;

/**
 * What a {@link CommandGate} may know of the handler a command would reach.
 *
 * @param builtIn     one of the built-in commands ({@link MessageHandlers#SYSTEM} priority:
 *                    {@code HELP}, {@code ALIVE}, {@code LOG_ROTATE}, {@code STOP}...; PROTOCOL.md b.3)
 * @param stopsDaemon marked {@link StopsDaemon}
 */
public record HandlerTraits(boolean builtIn, boolean stopsDaemon) {}
