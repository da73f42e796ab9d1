package dev.streamlog.gateway.acl;

import dev.streamlog.model.ZkPaths;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where and how ACLs are kept in ZooKeeper: one znode per resource pattern,
 * {@code /acls/{TOPIC|GROUP|CLUSTER}/{LITERAL|PREFIXED}/{name}} (the name URL-encoded with every {@code .}
 * encoded too, so any name of well-formed UTF-16, as the ACL API takes them, is one path segment of its own),
 * holding
 * {@code {"version":1,"acls":[{"principal","host","operation","permission"}]}}, the entries of that pattern in the
 * order they were added, without duplicates. Stateless.
 */
final class AclZnodes {

    /** One access control entry as stored. */
    record Entry(String principal, String host, AclOperation operation, AclPermission permission) {
    }

    /** A znode's contents. */
    record Contents(int version, List<Entry> acls) {
    }

    /** A resource pattern, the key of one znode. */
    record Pattern(AclResourceType type, AclPatternType patternType, String name) {

        static Pattern of(AclBinding binding) {
            return new Pattern(binding.resourceType(), binding.patternType(), binding.resourceName());
        }

        AclBinding with(Entry entry) {
            return new AclBinding(type, name, patternType, entry.principal(), entry.host(), entry.operation(),
                    entry.permission());
        }
    }

    private AclZnodes() {
    }

    static String path(Pattern pattern) {
        return ZkPaths.ACLS + "/" + pattern.type() + "/" + pattern.patternType() + "/"
                + URLEncoder.encode(pattern.name(), StandardCharsets.UTF_8).replace(".", "%2E");
    }

    /** The pattern a znode path names, or empty for any other path under {@code /acls}. */
    static Optional<Pattern> pattern(String path) {
        String[] parts = path.substring(path.indexOf(ZkPaths.ACLS) + ZkPaths.ACLS.length()).split("/");
        if (parts.length != 4 || !parts[0].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Pattern(AclResourceType.valueOf(parts[1]), AclPatternType.valueOf(parts[2]),
                    URLDecoder.decode(parts[3], StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static List<Entry> entries(JsonMapper json, byte[] data) {
        if (data == null || data.length == 0) {
            return List.of();
        }
        Contents contents = json.readValue(data, Contents.class);
        return contents.acls() == null ? List.of() : contents.acls();
    }

    static byte[] data(JsonMapper json, Set<Entry> entries) {
        return json.writeValueAsBytes(new Contents(1, List.copyOf(entries)));
    }

    static Entry entry(AclBinding binding) {
        return new Entry(binding.principal(), binding.host(), binding.operation(), binding.permission());
    }

}
