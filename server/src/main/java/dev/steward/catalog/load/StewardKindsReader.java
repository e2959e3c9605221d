package dev.steward.catalog.load;

import dev.steward.catalog.Runbooks;
import dev.steward.catalog.check.Findings;
import dev.steward.catalog.load.yaml.YamlLines;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Match;
import dev.steward.catalog.model.OwnershipPolicy;
import dev.steward.catalog.model.PartySpec;
import dev.steward.catalog.model.Responsibility;
import dev.steward.catalog.model.Role;
import dev.steward.catalog.model.Rule;
import dev.steward.catalog.model.SourceLocation;
import dev.steward.catalog.model.Values;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the spec of Steward's own kinds, Responsibility and OwnershipPolicy. Unlike Backstage's
 * kinds these are strict: an unknown field is an error, because a misspelt {@code inherit} that is
 * silently ignored would give a wrong answer.
 */
public final class StewardKindsReader {
    private static final Set<String> RESPONSIBILITY_FIELDS = Set.of("type", "appliesTo", "detect", "runbook");
    private static final Set<String> POLICY_FIELDS = Set.of("scope", "match", "rules");
    private static final Set<String> MATCH_FIELDS = Set.of("kinds", "types", "tags");
    private static final Set<String> RULE_FIELDS = Set.of(
            "for", "approvers", "responsible", "consulted", "informed", "runbook", "inherit", "blockIfOverdue");
    private static final Set<String> PARTY_FIELDS = Set.of("ref", "min");
    private static final Pattern DETECT_PATH = Pattern.compile("^[A-Za-z0-9_$-]+(\\.[A-Za-z0-9_$-]+)*$");

    private StewardKindsReader() {
    }

    static Responsibility responsibility(EntityReader.Read parsed, Findings findings) {
        Entity entity = parsed.entity();
        Map<String, Object> spec = spec(parsed, RESPONSIBILITY_FIELDS, findings);
        if (spec == null) return null;
        String name = entity.ref().name();
        Object typeValue = spec.get("type");
        Responsibility.Type type;
        if ("change".equals(typeValue)) {
            type = Responsibility.Type.CHANGE;
        } else if ("duty".equals(typeValue)) {
            type = Responsibility.Type.DUTY;
        } else {
            findings.error(parsed.at("spec.type"), "spec.type must be 'change' or 'duty'"
                    + (typeValue == null ? "" : ", not '" + typeValue + "'"));
            return null;
        }
        List<Responsibility.AppliesTo> appliesTo = SpecFields.appliesTo(parsed, spec, findings);
        List<String> detect = new ArrayList<>();
        List<?> detectList = list(parsed, spec, "detect", findings);
        if (!detectList.isEmpty() && type == Responsibility.Type.DUTY) {
            findings.error(parsed.at("spec.detect"), "spec.detect is only for type change; a duty is not detected in diffs");
        }
        for (int i = 0; i < detectList.size(); i++) {
            Object item = detectList.get(i);
            if (!(item instanceof String s) || !DETECT_PATH.matcher(s).matches()) {
                findings.error(parsed.at("spec.detect[" + i + "]"), "spec.detect[" + i
                        + "] must be a dotted field path such as spec.partitioning");
            } else {
                detect.add(s);
            }
        }
        String runbook = runbook(parsed, spec, "spec.runbook", findings);
        boolean builtIn = Responsibility.BUILT_IN.contains(name);
        if (builtIn && type != Responsibility.Type.CHANGE) {
            findings.error(parsed.at("spec.type"), "built-in responsibility '" + name + "' is a change; it cannot be a duty");
        }
        if (builtIn && !detect.isEmpty()) {
            findings.error(parsed.at("spec.detect"), "built-in responsibility '" + name + "' is detected by Steward; "
                    + "remove spec.detect");
        }
        return new Responsibility(name, entity.title(), entity.description(), type, List.copyOf(appliesTo),
                List.copyOf(detect), runbook, parsed.at("spec.runbook"), builtIn, entity.source());
    }

    static OwnershipPolicy policy(EntityReader.Read parsed, Findings findings) {
        Entity entity = parsed.entity();
        Map<String, Object> spec = spec(parsed, POLICY_FIELDS, findings);
        if (spec == null) return null;
        String namespace = entity.ref().namespace();
        EntityRef scope = SpecFields.scope(parsed, spec, findings);
        if (scope == null && spec.get("scope") != null) return null;
        Match match = match(parsed, spec, findings);
        List<?> ruleList = list(parsed, spec, "rules", findings);
        if (ruleList.isEmpty()) {
            findings.error(parsed.at("spec"), "spec.rules is required and must list at least one rule");
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < ruleList.size(); i++) {
            Rule rule = rule(parsed, entity.ref(), scope, i, ruleList.get(i), namespace, findings);
            if (rule != null) rules.add(rule);
        }
        return new OwnershipPolicy(entity.ref(), scope, match, List.copyOf(rules), entity.source());
    }

    private static Match match(EntityReader.Read parsed, Map<String, Object> spec, Findings findings) {
        Object value = spec.get("match");
        if (value == null) return Match.ALL;
        if (!(value instanceof Map)) {
            findings.error(parsed.at("spec.match"), "spec.match must be a map with kinds, types and tags");
            return Match.ALL;
        }
        Map<String, Object> map = Values.map(value);
        unknownFields(parsed, map, MATCH_FIELDS, "spec.match", findings);
        return new Match(lowerSet(parsed, map, "kinds", findings), lowerSet(parsed, map, "types", findings),
                lowerSet(parsed, map, "tags", findings));
    }

    private static Set<String> lowerSet(EntityReader.Read parsed, Map<String, Object> map, String field, Findings findings) {
        Object value = map.get(field);
        if (value == null) return Set.of();
        String where = "spec.match." + field;
        if (!(value instanceof List<?> list)) {
            findings.error(parsed.at(where), where + " must be a list of strings");
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String s && !s.isBlank()) {
                out.add(s.trim().toLowerCase(Locale.ROOT));
            } else {
                findings.error(parsed.at(where + "[" + i + "]"), where + "[" + i + "] must be a string");
            }
        }
        return Set.copyOf(out);
    }

    private static Rule rule(EntityReader.Read parsed, EntityRef policy, EntityRef scope, int index, Object value,
                             String namespace, Findings findings) {
        String where = "spec.rules[" + index + "]";
        SourceLocation location = parsed.at(where);
        if (!(value instanceof Map)) {
            findings.error(location, where + " must be a map with for and the parties of each role");
            return null;
        }
        Map<String, Object> map = Values.map(value);
        unknownFields(parsed, map, RULE_FIELDS, where, findings);
        List<String> names = new ArrayList<>();
        Object forValue = map.get("for");
        List<?> forList = forValue instanceof String s ? List.of(s) : Values.list(forValue);
        if (forList.isEmpty()) {
            findings.error(location, where + ".for must name at least one responsibility, or \"*\"");
        }
        for (int i = 0; i < forList.size(); i++) {
            if (forList.get(i) instanceof String s && !s.isBlank()) {
                names.add(s.trim().toLowerCase(Locale.ROOT));
            } else {
                findings.error(parsed.at(where + ".for[" + i + "]"), where + ".for[" + i + "] must be a responsibility name");
            }
        }
        Map<Role, List<PartySpec>> parties = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            Object roleValue = map.get(role.field());
            if (roleValue == null) continue;
            String roleWhere = where + "." + role.field();
            if (!(roleValue instanceof List<?> list)) {
                findings.error(parsed.at(roleWhere), roleWhere + " must be a list of parties");
                continue;
            }
            List<PartySpec> specs = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                PartySpec party = party(parsed, list.get(i), roleWhere + "[" + i + "]", namespace, findings);
                if (party != null) specs.add(party);
            }
            parties.put(role, List.copyOf(specs));
        }
        String runbook = runbook(parsed, map, where + ".runbook", findings);
        boolean inherit = true;
        Object inheritValue = map.get("inherit");
        if (inheritValue instanceof Boolean b) {
            inherit = b;
        } else if (inheritValue != null) {
            findings.error(parsed.at(where + ".inherit"), where + ".inherit must be true or false");
        }
        boolean blockIfOverdue = false;
        Object blockValue = map.get("blockIfOverdue");
        if (blockValue instanceof Boolean b) {
            blockIfOverdue = b;
        } else if (blockValue != null) {
            findings.error(parsed.at(where + ".blockIfOverdue"), where + ".blockIfOverdue must be true or false");
        }
        return new Rule(policy, scope, index, List.copyOf(names), parties, runbook, parsed.at(where + ".runbook"),
                inherit, blockIfOverdue, location);
    }

    static PartySpec party(EntityReader.Read parsed, Object value, String where, String namespace,
                                   Findings findings) {
        SourceLocation location = parsed.at(where);
        String text;
        int min = 1;
        if (value instanceof String s) {
            text = s;
        } else if (value instanceof Map) {
            Map<String, Object> map = Values.map(value);
            unknownFields(parsed, map, PARTY_FIELDS, where, findings);
            if (!(map.get("ref") instanceof String s)) {
                findings.error(location, where + ".ref is required: a group or user ref, owner, consumers or producers");
                return null;
            }
            text = s;
            Object minValue = map.get("min");
            if (minValue != null) {
                if (minValue instanceof Long l && l >= 1 && l <= 1000) {
                    min = l.intValue();
                } else {
                    findings.error(parsed.at(where + ".min"), where + ".min must be a whole number from 1 to 1000");
                    return null;
                }
            }
        } else {
            findings.error(location, where + " must be a ref, a token or {ref, min}, not " + Values.typeName(value));
            return null;
        }
        PartySpec.Token token = PartySpec.Token.parse(text.trim());
        if (token != null) return new PartySpec(token, null, min, location);
        try {
            EntityRef ref = EntityRef.parse(text, "group", namespace);
            return new PartySpec(null, ref, min, location);
        } catch (EntityRef.RefFormatException e) {
            findings.error(location, where + ": " + e.getMessage());
            return null;
        }
    }

    static Map<String, Object> spec(EntityReader.Read parsed, Set<String> allowed, Findings findings) {
        Object value = parsed.entity().document().get("spec");
        if (!(value instanceof Map)) {
            findings.error(parsed.at("spec"), "spec is required and must be a map");
            return null;
        }
        Map<String, Object> spec = Values.map(value);
        unknownFields(parsed, spec, allowed, "spec", findings);
        return spec;
    }

    static void unknownFields(EntityReader.Read parsed, Map<String, Object> map, Set<String> allowed, String where,
                                      Findings findings) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                findings.error(parsed.at(where + "." + key), "unknown field '" + key + "' in " + where
                        + "; allowed: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    static List<?> list(EntityReader.Read parsed, Map<String, Object> map, String field, Findings findings) {
        Object value = map.get(field);
        if (value == null) return List.of();
        if (!(value instanceof List<?> list)) {
            findings.error(parsed.at("spec." + field), "spec." + field + " must be a list");
            return List.of();
        }
        return list;
    }

    /**
     * A runbook path, normalised; one that climbs out of the runbooks root is an error here. Whether
     * the file exists is checked against the whole commit's runbooks later.
     */
    static String runbook(EntityReader.Read parsed, Map<String, Object> map, String where, Findings findings) {
        Object value = map.get("runbook");
        if (value == null) return null;
        if (!(value instanceof String s) || s.isBlank()) {
            findings.error(parsed.at(where), where + " must be a path relative to the runbooks root");
            return null;
        }
        String normal = Runbooks.normalize(s);
        if (normal == null) {
            findings.error(parsed.at(where), where + ": '" + s + "' leaves the runbooks root; use a path inside it");
        }
        return normal;
    }
}
