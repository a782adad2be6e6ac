package org.eventdispatcher.protocol.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventdispatcher.protocol.message.Message;

/**
 * What the parameters of one command must be: upstream's {@code message_definition}, from a
 * definition file, from a handler's declared parameters, or both. Parameters it does not name are
 * always accepted (as upstream).
 *
 * @param command the command it governs
 * @param rules   one per parameter, in the order declared
 * @param source  where it was declared: a file's path, a handler method, or both, for messages
 */
public record MessageContract(String command, List<ParameterRule> rules, String source) {

    public MessageContract {
        rules = List.copyOf(rules);
    }

    /** Every violation in {@code message}, in the order of the rules; empty when it keeps the contract. */
    public List<String> violations(Message message) {
        List<String> violations = null;
        for (ParameterRule rule : rules) {
            String violation = rule.violation(message);
            if (violation != null) {
                if (violations == null) {
                    violations = new ArrayList<>(2);
                }
                violations.add(violation);
            }
        }
        return violations == null ? List.of() : violations;
    }

    /**
     * One contract checking both: this one (a definition file's) and {@code code} (a handler's
     * declared parameters). Where both name a parameter they must promise the same: the same flags,
     * and the handler's type the file's or a narrower one; the handler's rule is then the one kept.
     *
     * @throws IllegalArgumentException naming both sources and every parameter on which they disagree
     */
    public MessageContract with(MessageContract code) {
        Map<String, ParameterRule> merged = new LinkedHashMap<>();
        rules.forEach(rule -> merged.put(rule.name(), rule));
        List<String> contradictions = new ArrayList<>();
        for (ParameterRule rule : code.rules) {
            ParameterRule declared = merged.get(rule.name());
            if (declared != null && (!declared.sameFlags(rule) || !rule.type().keeps(declared.type()))) {
                contradictions.add(rule.name() + " is " + describe(declared) + " in " + source + " but "
                        + describe(rule) + " in " + code.source);
            }
            merged.put(rule.name(), rule);
        }
        if (!contradictions.isEmpty()) {
            throw new IllegalArgumentException(
                    "the contract of " + command + " contradicts itself: " + String.join("; ", contradictions));
        }
        return new MessageContract(command, List.copyOf(merged.values()), source + " and " + code.source);
    }

    private static String describe(ParameterRule rule) {
        return rule.type().name().toLowerCase(java.util.Locale.ROOT) + " (" + rule.flags() + ")";
    }
}
