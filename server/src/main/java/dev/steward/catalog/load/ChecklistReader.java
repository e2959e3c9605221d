package dev.steward.catalog.load;

import dev.steward.catalog.check.Findings;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.PartySpec;
import dev.steward.catalog.model.ReadinessChecklist;
import dev.steward.catalog.model.Role;
import dev.steward.catalog.model.RuleExpression;
import dev.steward.catalog.model.SourceLocation;
import dev.steward.catalog.model.Values;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the spec of a {@code ReadinessChecklist}, strictly like Steward's other kinds. Everything a
 * file shows on its own is checked here (levels, ids, durations, dates, CEL that does not compile or
 * is not boolean); what needs the whole catalog (parties, scopes, runbooks) is in
 * {@link ChecklistChecks}.
 */
public final class ChecklistReader {
    private static final Set<String> FIELDS = Set.of("appliesTo", "scope", "levels", "gate", "dueBy", "replaces",
            "checks");
    private static final Set<String> CHECK_FIELDS = Set.of("id", "title", "description", "level", "rule", "attest",
            "runbook", "effectiveFrom");
    private static final Set<String> ATTEST_FIELDS = Set.of("by", "validFor", "voidOn");
    private static final Pattern ID = Pattern.compile("^[a-z0-9]+([-_.][a-z0-9]+)*$");
    private static final Pattern DURATION = Pattern.compile("^([1-9][0-9]{0,8})([smhd])$");
    private static final Pattern PATH = Pattern.compile("^[A-Za-z0-9_$-]+(\\.[A-Za-z0-9_$-]+)*$");

    private final EntityReader.Read parsed;
    private final Findings findings;

    private ChecklistReader(EntityReader.Read parsed, Findings findings) {
        this.parsed = parsed;
        this.findings = findings;
    }

    static ReadinessChecklist read(EntityReader.Read parsed, Findings findings) {
        return new ChecklistReader(parsed, findings).checklist();
    }

    private ReadinessChecklist checklist() {
        Entity entity = parsed.entity();
        Map<String, Object> spec = StewardKindsReader.spec(parsed, FIELDS, findings);
        if (spec == null) return null;
        EntityRef scope = SpecFields.scope(parsed, spec, findings);
        if (scope == null && spec.get("scope") != null) return null;
        List<String> levels = levels(spec.get("levels"));
        String gate = spec.containsKey("gate") ? level(spec.get("gate"), "spec.gate", levels) : levels.get(0);
        String replaces = null;
        if (spec.get("replaces") != null) {
            if (spec.get("replaces") instanceof String s && !s.isBlank()) {
                replaces = s.trim().toLowerCase(Locale.ROOT);
                if (scope == null) {
                    findings.error(at("spec.replaces"), "spec.replaces needs a spec.scope: a checklist takes the place "
                            + "of '" + replaces + "' only for the entities under its scope");
                }
            } else {
                findings.error(at("spec.replaces"), "spec.replaces must be the name of another ReadinessChecklist");
            }
        }
        List<ReadinessChecklist.Check> checks = checks(spec.get("checks"), levels);
        return new ReadinessChecklist(entity.ref(), entity.ref().name(), entity.title(), entity.description(),
                SpecFields.appliesTo(parsed, spec, findings), scope, levels, gate,
                date(spec.get("dueBy"), "spec.dueBy"), replaces, checks, entity.source(), at("spec.scope"),
                at("spec.replaces"));
    }

    private SourceLocation at(String path) {
        return parsed.at(path);
    }

    private List<String> levels(Object value) {
        if (value == null) return ReadinessChecklist.DEFAULT_LEVELS;
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            findings.error(at("spec.levels"), "spec.levels must be a non-empty list of level names, lowest first");
            return ReadinessChecklist.DEFAULT_LEVELS;
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "spec.levels[" + i + "]";
            if (!(list.get(i) instanceof String s) || !ID.matcher(s).matches()) {
                findings.error(at(where), where + " must be a level name such as bronze (lowercase letters, digits, -)");
            } else if (!out.add(s)) {
                findings.error(at(where), where + ": level '" + s + "' is listed twice");
            }
        }
        return out.isEmpty() ? ReadinessChecklist.DEFAULT_LEVELS : List.copyOf(out);
    }

    private String level(Object value, String where, List<String> levels) {
        if (value instanceof String s && levels.contains(s)) return s;
        findings.error(at(where), where + ": unknown level " + (value instanceof String s ? "'" + s + "'" : "")
                + "; the checklist's levels are " + String.join(", ", levels));
        return null;
    }

    private List<ReadinessChecklist.Check> checks(Object value, List<String> levels) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            findings.error(at(value == null ? "spec" : "spec.checks"), "spec.checks is required and must list at least one check");
            return List.of();
        }
        Map<String, String> seen = new HashMap<>();
        List<ReadinessChecklist.Check> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "spec.checks[" + i + "]";
            if (!(list.get(i) instanceof Map)) {
                findings.error(at(where), where + " must be a map with id, title, level and a rule or attest");
                continue;
            }
            ReadinessChecklist.Check check = check(Values.map(list.get(i)), where, levels);
            if (check == null) continue;
            String earlier = seen.putIfAbsent(check.id(), where);
            if (earlier != null) {
                findings.error(at(where + ".id"), where + ".id: duplicate check id '" + check.id() + "'; also at "
                        + at(earlier + ".id"));
                continue;
            }
            out.add(check);
        }
        return List.copyOf(out);
    }

    private ReadinessChecklist.Check check(Map<String, Object> map, String where, List<String> levels) {
        StewardKindsReader.unknownFields(parsed, map, CHECK_FIELDS, where, findings);
        if (!(map.get("id") instanceof String id) || !ID.matcher(id).matches()) {
            findings.error(at(where + ".id"), where + ".id is required: lowercase letters, digits and -, such as "
                    + "checkpointing-declared");
            return null;
        }
        String title = map.get("title") instanceof String t && !t.isBlank() ? t : id;
        String level = levels.size() == 1 && !map.containsKey("level") ? levels.get(0)
                : level(map.get("level"), where + ".level", levels);
        boolean hasRule = map.containsKey("rule");
        boolean hasAttest = map.containsKey("attest");
        if (hasRule == hasAttest) {
            findings.error(at(where), where + " (" + id + ") must have exactly one of rule and attest, not "
                    + (hasRule ? "both" : "neither"));
            return null;
        }
        RuleExpression rule = hasRule ? rule(map.get("rule"), where + ".rule") : null;
        ReadinessChecklist.Attest attest = hasAttest ? attest(map.get("attest"), where + ".attest") : null;
        String runbook = StewardKindsReader.runbook(parsed, map, where + ".runbook", findings);
        LocalDate effectiveFrom = date(map.get("effectiveFrom"), where + ".effectiveFrom");
        if (level == null || (rule == null && attest == null)) return null;
        return new ReadinessChecklist.Check(id, title, level, rule, attest, runbook, effectiveFrom, at(where),
                at(where + ".runbook"));
    }

    private RuleExpression rule(Object value, String where) {
        if (!(value instanceof String text) || text.isBlank()) {
            findings.error(at(where), where + " must be a CEL expression, such as has(entity.spec.checkpointing)");
            return null;
        }
        RuleExpression.Compiled compiled = RuleExpression.compile(text);
        if (compiled instanceof RuleExpression.Invalid invalid) {
            findings.error(at(where), where + " is not a valid boolean CEL expression: "
                    + invalid.message().replace('\n', ' ').replaceAll("\\s+", " "));
            return null;
        }
        return ((RuleExpression.Ok) compiled).rule();
    }

    private ReadinessChecklist.Attest attest(Object value, String where) {
        if (!(value instanceof Map)) {
            findings.error(at(where), where + " must be a map with by, and optionally validFor and voidOn");
            return null;
        }
        Map<String, Object> map = Values.map(value);
        StewardKindsReader.unknownFields(parsed, map, ATTEST_FIELDS, where, findings);
        ReadinessChecklist.AttestParty by = by(map.get("by"), where + ".by");
        Duration validFor = null;
        String validForText = null;
        if (map.get("validFor") != null) {
            Matcher m = map.get("validFor") instanceof String s ? DURATION.matcher(s.trim()) : null;
            if (m == null || !m.matches()) {
                findings.error(at(where + ".validFor"), where + ".validFor must be a number and a unit (s, m, h or d), "
                        + "such as 30d, not " + describe(map.get("validFor")));
            } else {
                validForText = m.group(0);
                validFor = duration(Long.parseLong(m.group(1)), m.group(2));
            }
        }
        List<String> voidOn = new ArrayList<>();
        Object voidValue = map.get("voidOn");
        if (voidValue != null && !(voidValue instanceof List)) {
            findings.error(at(where + ".voidOn"), where + ".voidOn must be a list of field paths such as spec.flinkVersion");
        }
        List<?> voidList = Values.list(voidValue);
        for (int i = 0; i < voidList.size(); i++) {
            if (voidList.get(i) instanceof String s && PATH.matcher(s).matches()) {
                voidOn.add(s);
            } else {
                findings.error(at(where + ".voidOn[" + i + "]"), where + ".voidOn[" + i
                        + "] must be a dotted field path such as spec.flinkVersion");
            }
        }
        if (by == null) return null;
        return new ReadinessChecklist.Attest(by, validFor, validForText, List.copyOf(voidOn), at(where + ".by"));
    }

    private ReadinessChecklist.AttestParty by(Object value, String where) {
        if (!(value instanceof String text) || text.isBlank()) {
            if (value instanceof Map) {
                PartySpec party = StewardKindsReader.party(parsed, value, where, parsed.entity().ref().namespace(), findings);
                return party == null ? null : new ReadinessChecklist.AttestParty(party, null, null, party.toString());
            }
            findings.error(at(where), where + " is required: a party (group:x, owner) or responsible:DUTY / approvers:CHANGE");
            return null;
        }
        String trimmed = text.trim();
        for (Role role : List.of(Role.RESPONSIBLE, Role.APPROVERS)) {
            String prefix = role.field() + ":";
            if (trimmed.startsWith(prefix)) {
                String name = trimmed.substring(prefix.length()).trim().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    findings.error(at(where), where + ": " + prefix + " must name a responsibility");
                    return null;
                }
                return new ReadinessChecklist.AttestParty(null, role, name, trimmed);
            }
        }
        PartySpec party = StewardKindsReader.party(parsed, trimmed, where, parsed.entity().ref().namespace(), findings);
        return party == null ? null : new ReadinessChecklist.AttestParty(party, null, null, trimmed);
    }

    private LocalDate date(Object value, String where) {
        if (value == null) return null;
        try {
            if (value instanceof String s) return LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            // reported below
        }
        findings.error(at(where), where + " must be a date such as 2027-03-01, not " + describe(value));
        return null;
    }

    private static Duration duration(long amount, String unit) {
        return switch (unit) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static String describe(Object value) {
        return value instanceof String s ? "'" + s + "'" : Values.typeName(value);
    }
}
