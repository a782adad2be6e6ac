package org.eventdispatcher.dispatch.contract;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eventdispatcher.protocol.contract.ParameterRule;
import org.eventdispatcher.protocol.contract.ParameterType;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.Timespec;
import org.eventdispatcher.protocol.transport.HostPort;

/**
 * One {@link Param} argument of a handler: the rule it adds to its command's contract, and how its
 * value is read from a message that kept that contract (so the conversion cannot fail). Checked
 * once, at start.
 */
public final class ParameterBinding {

    /** A Java type a parameter may be bound to: its contract type and how a non-empty value converts. */
    private record Conversion(ParameterType type, Function<String, Object> convert) {}

    private static final Map<Class<?>, Conversion> CONVERSIONS = Map.of(
            String.class, new Conversion(ParameterType.STRING, value -> value),
            Integer.class, new Conversion(ParameterType.INT32, Integer::valueOf),
            Long.class, new Conversion(ParameterType.INTEGER, Long::valueOf),
            Boolean.class, new Conversion(ParameterType.BOOLEAN, ParameterType::booleanOf),
            Instant.class, new Conversion(ParameterType.TIMESPEC, Timespec::parse),
            HostPort.class, new Conversion(ParameterType.ADDRESS, HostPort::parseAddress),
            InetSocketAddress.class, new Conversion(ParameterType.ADDRESS, ParameterBinding::toSocketAddress));

    private static final Map<Class<?>, Class<?>> BOXES =
            Map.of(int.class, Integer.class, long.class, Long.class, boolean.class, Boolean.class);

    private final ParameterRule rule;
    private final Conversion conversion;
    private final boolean optional;
    private final Object absent;

    private ParameterBinding(ParameterRule rule, Conversion conversion, boolean optional, Object absent) {
        this.rule = rule;
        this.conversion = conversion;
        this.optional = optional;
        this.absent = absent;
    }

    /**
     * @throws IllegalStateException naming the method and the argument when it cannot be bound:
     *                               a type not listed in {@link Param}, a primitive that may be
     *                               missing without a default, a default not of its type
     */
    public static ParameterBinding of(Method method, Parameter parameter, Param param) {
        String where = "argument " + param.value() + " of "
                + method.getDeclaringClass().getName() + "." + method.getName();
        boolean optional = parameter.getType() == Optional.class;
        Class<?> type = optional ? optionalOf(parameter.getParameterizedType(), where) : parameter.getType();
        Conversion conversion = CONVERSIONS.get(BOXES.getOrDefault(type, type));
        if (conversion == null) {
            throw new IllegalStateException(where + " cannot be bound: " + type.getSimpleName()
                    + " is not String, int, long, boolean, Instant, HostPort, InetSocketAddress or an Optional of one");
        }
        boolean hasDefault = !Param.NO_DEFAULT.equals(param.defaultValue());
        Object defaultValue = null;
        if (hasDefault) {
            if (optional) {
                throw new IllegalStateException(where + " is an Optional: it has no use for a default value");
            }
            if (!conversion.type().accepts(param.defaultValue())) {
                throw new IllegalStateException(where + ": its default \"" + param.defaultValue() + "\" is not "
                        + conversion.type().description());
            }
            defaultValue = conversion.convert().apply(param.defaultValue());
        }
        boolean required = param.required() && !hasDefault && !optional;
        boolean mayBeMissing = !required || (param.allowEmpty() && conversion.type() != ParameterType.STRING);
        if (type.isPrimitive() && mayBeMissing && !hasDefault) {
            throw new IllegalStateException(where + " is a primitive " + type.getSimpleName()
                    + " that may be missing: give it a defaultValue, or make it an "
                    + BOXES.get(type).getSimpleName()
                    + " or an Optional");
        }
        ParameterRule rule =
                new ParameterRule(param.value(), conversion.type(), required, param.allowEmpty(), false, "");
        return new ParameterBinding(rule, conversion, optional, optional ? Optional.empty() : defaultValue);
    }

    private static Class<?> optionalOf(Type type, String where) {
        if (type instanceof ParameterizedType generic && generic.getActualTypeArguments()[0] instanceof Class<?> of) {
            return of;
        }
        throw new IllegalStateException(where + " is an Optional of no type it can be bound to");
    }

    /** What the argument declares: a rule of its command's contract. */
    public ParameterRule rule() {
        return rule;
    }

    /** The argument's value in {@code message}, which kept the contract this binding is part of. */
    public Object valueIn(Message message) {
        String value = message.parameter(rule.name()).orElse(null);
        if (value == null || (value.isEmpty() && rule.type() != ParameterType.STRING)) {
            return absent;
        }
        Object converted = conversion.convert().apply(value);
        return optional ? Optional.of(converted) : converted;
    }

    /** From an IP literal: the address is made without a name lookup. */
    private static InetSocketAddress toSocketAddress(String value) {
        HostPort address = HostPort.parseAddress(value);
        return new InetSocketAddress(HostPort.ipLiteral(address.host()).orElseThrow(), address.port());
    }
}
