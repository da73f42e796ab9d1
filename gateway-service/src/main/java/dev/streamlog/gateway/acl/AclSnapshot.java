package dev.streamlog.gateway.acl;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Every ACL of the cluster at one moment, indexed for the question a request asks: which ACLs cover this resource
 * (its literal name, the literal {@code *}, and every prefix of its name that a PREFIXED ACL names). Decisions are
 * remembered per snapshot (at most {@value #MAX_DECISIONS}, then forgotten at once), so a route's check costs a
 * hash lookup while the ACLs do not change. Immutable apart from that memo; thread-safe.
 */
final class AclSnapshot {

    static final int MAX_DECISIONS = 10_000;
    static final int MAX_REMEMBERED_NAME = 255;

    /** The snapshot before ZooKeeper was read: no ACL. */
    static final AclSnapshot EMPTY = new AclSnapshot(List.of());

    /** One question, as the memo keys it. */
    record Question(String principal, String host, AclOperation operation, AclResourceType type, String name) {
    }

    private final List<AclBinding> all;
    private final Map<AclResourceType, Map<String, List<AclBinding>>> literal = new EnumMap<>(AclResourceType.class);
    private final Map<AclResourceType, Map<String, List<AclBinding>>> prefixed = new EnumMap<>(AclResourceType.class);
    private final Map<Question, Boolean> decisions = new ConcurrentHashMap<>();

    AclSnapshot(List<AclBinding> bindings) {
        this.all = List.copyOf(bindings);
        for (AclBinding binding : all) {
            Map<AclResourceType, Map<String, List<AclBinding>>> index =
                    binding.patternType() == AclPatternType.LITERAL ? literal : prefixed;
            index.computeIfAbsent(binding.resourceType(), type -> new HashMap<>())
                    .computeIfAbsent(binding.resourceName(), name -> new ArrayList<>()).add(binding);
        }
    }

    /** Every ACL, in no particular order. */
    List<AclBinding> all() {
        return all;
    }

    /** The ACLs that cover the resource {@code name} of {@code type}, whoever they are for. */
    List<AclBinding> covering(AclResourceType type, String name) {
        List<AclBinding> found = new ArrayList<>();
        Map<String, List<AclBinding>> literals = literal.get(type);
        if (literals != null) {
            found.addAll(literals.getOrDefault(name, List.of()));
            if (!name.equals(AclBinding.WILDCARD)) {
                found.addAll(literals.getOrDefault(AclBinding.WILDCARD, List.of()));
            }
        }
        Map<String, List<AclBinding>> prefixes = prefixed.get(type);
        if (prefixes != null) {
            // whichever is fewer: the prefixes the ACLs name, or the prefixes of the name
            if (prefixes.size() <= name.length()) {
                prefixes.forEach((prefix, acls) -> {
                    if (name.startsWith(prefix)) {
                        found.addAll(acls);
                    }
                });
            } else {
                for (int length = 1; length <= name.length(); length++) {
                    found.addAll(prefixes.getOrDefault(name.substring(0, length), List.of()));
                }
            }
        }
        return found;
    }

    /**
     * The remembered answer to {@code question}, computing it with {@code decide} the first time; a question about
     * a name longer than {@value #MAX_REMEMBERED_NAME} characters (no topic's) is not remembered.
     */
    boolean decide(Question question, Predicate<Question> decide) {
        if (question.name().length() > MAX_REMEMBERED_NAME) {
            return decide.test(question);
        }
        Boolean known = decisions.get(question);
        if (known != null) {
            return known;
        }
        boolean answer = decide.test(question);
        if (decisions.size() >= MAX_DECISIONS) {
            decisions.clear();
        }
        decisions.put(question, answer);
        return answer;
    }
}
