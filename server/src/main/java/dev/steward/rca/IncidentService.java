package dev.steward.rca;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.catalog.Catalog;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Responsibility;
import dev.steward.json.Json;
import dev.steward.resolve.Blocker;
import dev.steward.resolve.Party;
import dev.steward.resolve.Resolution;
import dev.steward.resolve.Resolver;
import dev.steward.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Incidents, their RCA and their follow-ups. Opening an incident resolves who owns its RCA (the
 * {@code responsible} party for {@code incident-rca} on the first affected entity) and who reviews it
 * (that responsibility's approvers), at the served catalog commit. Every write goes through the one
 * writer, in one transaction with its audit row.
 */
public final class IncidentService {
    static final String INCIDENT_RCA = "incident-rca";
    private static final ObjectMapper JSON = Json.mapper();
    private static final int TEXT = 20_000;

    private final Database db;
    private final LiveCatalog live;
    private final Clock clock;
    private final ActionSla sla;

    public IncidentService(Database db, LiveCatalog live, Clock clock, ActionSla sla) {
        this.db = db;
        this.live = live;
        this.clock = clock;
        this.sla = sla;
    }

    private Instant now() {
        return clock.instant();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    // ---- incidents ----

    public Incident create(Map<String, Object> body, String actor) {
        Input in = new Input(body);
        String title = in.text("title", true, 300);
        Severity severity = in.choice("severity", Severity.class, true);
        List<EntityRef> entities = affected(in);
        Catalog catalog = live.current();
        Resolution rca = rcaResolution(catalog, entities.get(0));
        Party owner = rca == null || rca.responsible().isEmpty() ? null : rca.responsible().get(0);
        List<Party> reviewers = rca == null ? List.of() : rca.approvers();
        Instant now = now();
        Instant detected = in.instant("detectedAt");
        Rows.IncidentRow row = new Rows.IncidentRow(0, title, severity.name(), IncidentStatus.OPEN.label(),
                str(in.instant("startedAt")), str(detected == null ? now : detected), null, null, null,
                in.text("commander", false, 300), in.text("summary", false, TEXT), in.text("impact", false, TEXT),
                json(orEmpty(in.texts("rootCauses", 100, TEXT))), json(orEmpty(in.texts("contributingFactors", 100, TEXT))),
                json(orEmpty(in.texts("lessons", 100, TEXT))), owner == null ? null : json(owner), json(reviewers),
                catalog.commit(), str(now), str(now));
        long id = db.write(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            long newId = dao.insertIncident(row);
            for (int i = 0; i < entities.size(); i++) {
                dao.insertEntity(new Rows.EntityRow(newId, i, entities.get(i).toString()));
            }
            dao.insertTimeline(newId, str(now), "incident opened (" + severity + ")", actor);
            audit(dao, actor, "incident.create", "incident/" + newId, body);
            return newId;
        });
        return get(id);
    }

    private List<EntityRef> affected(Input in) {
        Object value = in.raw("entities");
        if (value == null) throw new InvalidInput("entities", "is required: the refs of the affected entities");
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidInput("entities", "must be a non-empty list of entity refs");
        }
        Catalog catalog = live.current();
        List<EntityRef> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String field = "entities[" + i + "]";
            if (!(list.get(i) instanceof String s)) throw new InvalidInput(field, "must be an entity ref string");
            EntityRef ref;
            try {
                ref = dev.steward.catalog.EntityLookup.find(catalog, s).ref();
            } catch (dev.steward.catalog.EntityLookup.LookupException e) {
                throw new InvalidInput(field, e.getMessage());
            }
            if (!out.contains(ref)) out.add(ref);
        }
        return out;
    }

    private static Resolution rcaResolution(Catalog catalog, EntityRef primary) {
        Responsibility rca = catalog.responsibility(INCIDENT_RCA);
        Entity entity = catalog.entity(primary);
        if (rca == null || entity == null || !rca.appliesTo(entity)) return null;
        return Resolver.resolve(catalog, entity, rca);
    }

    public Incident get(long id) {
        return db.read(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            Rows.IncidentRow row = dao.incident(id).orElseThrow(() -> new NotFound("no incident " + id));
            return toIncident(dao, row);
        });
    }

    public List<Incident> list(String entity, String status, int limit) {
        EntityRef ref = entity == null || entity.isBlank() ? null : Input.parseRef("entity", entity, null);
        IncidentStatus wanted = null;
        if (status != null && !status.isBlank()) {
            wanted = IncidentStatus.parse(status);
            if (wanted == null) {
                throw new InvalidInput("status", "must be one of open, mitigated, resolved, postmortem, closed");
            }
        }
        String label = wanted == null ? null : wanted.label();
        return db.read(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            List<Rows.IncidentRow> rows = ref == null ? dao.incidents(label, limit)
                    : dao.incidentsAffecting(ref.toString(), label, limit);
            return rows.stream().map(row -> toIncident(dao, row)).toList();
        });
    }

    public Incident update(long id, Map<String, Object> body, String actor) {
        Input in = new Input(body);
        Instant now = now();
        db.write(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            Rows.IncidentRow row = dao.incident(id).orElseThrow(() -> new NotFound("no incident " + id));
            IncidentStatus from = IncidentStatus.parse(row.status());
            IncidentStatus to = from;
            if (in.has("status")) {
                String label = in.text("status", true, 32);
                to = IncidentStatus.parse(label);
                if (to == null) throw new InvalidInput("status", "must be one of open, mitigated, resolved, postmortem, closed");
                if (to != from && !from.next().contains(to)) {
                    throw new Conflict("an incident cannot go from " + from.label() + " to " + to.label()
                            + (from.next().isEmpty() ? "; it is closed" : "; next: " + String.join(" or ", from.nextLabels())));
                }
            }
            String signOff = in.text("signOff", false, 300);
            if (signOff != null) {
                EntityRef reviewer = Input.parseRef("signOff", signOff, "user");
                if (!reviewer.kind().equals("user")) throw new InvalidInput("signOff", "is signed by a user, not " + reviewer);
                List<Party> reviewers = parties(row.rcaReviewers());
                if (reviewers.stream().noneMatch(p -> p.members().contains(reviewer))) {
                    throw new InvalidInput("signOff", reviewer + " is not among the RCA reviewers ("
                            + reviewers.stream().map(p -> p.ref().toString()).collect(Collectors.joining(", ")) + ")");
                }
                dao.signOff(id, reviewer.toString(), str(now));
                dao.insertTimeline(id, str(now), "RCA signed off by " + reviewer, actor);
            }
            if (to == IncidentStatus.CLOSED && from != IncidentStatus.CLOSED) {
                String missing = missingSignOffs(row, dao.signOffs(id));
                if (missing != null) throw new Conflict("closing needs the RCA reviewers' sign-off: " + missing);
            }
            Instant mitigated = pick(in.instant("mitigatedAt"), row.mitigatedAt());
            Instant resolved = pick(in.instant("resolvedAt"), row.resolvedAt());
            if (to != from) {
                if (to == IncidentStatus.MITIGATED && mitigated == null) mitigated = now;
                if (to == IncidentStatus.RESOLVED) {
                    if (resolved == null) resolved = now;
                    if (mitigated == null) mitigated = resolved;
                }
                dao.insertTimeline(id, str(now), "status " + from.label() + " → " + to.label(), actor);
            }
            Severity severity = in.has("severity") ? in.choice("severity", Severity.class, true)
                    : Severity.valueOf(row.severity());
            Rows.IncidentRow next = new Rows.IncidentRow(id, in.has("title") ? in.text("title", true, 300) : row.title(),
                    severity.name(), to.label(), str(pick(in.instant("startedAt"), row.startedAt())),
                    str(pick(in.instant("detectedAt"), row.detectedAt())), str(mitigated), str(resolved),
                    to == IncidentStatus.CLOSED && row.closedAt() == null ? str(now) : row.closedAt(),
                    in.has("commander") ? in.text("commander", false, 300) : row.commander(),
                    in.has("summary") ? in.text("summary", false, TEXT) : row.summary(),
                    in.has("impact") ? in.text("impact", false, TEXT) : row.impact(),
                    in.has("rootCauses") ? json(in.texts("rootCauses", 100, TEXT)) : row.rootCauses(),
                    in.has("contributingFactors") ? json(in.texts("contributingFactors", 100, TEXT)) : row.contributingFactors(),
                    in.has("lessons") ? json(in.texts("lessons", 100, TEXT)) : row.lessons(),
                    row.rcaOwner(), row.rcaReviewers(), row.rcaCommit(), row.createdAt(), str(now));
            dao.updateIncident(next);
            for (Map<String, Object> entry : timelineEntries(in)) {
                Instant at = new Input(entry).instant("at");
                dao.insertTimeline(id, str(at == null ? now : at), (String) entry.get("text"), actor);
            }
            audit(dao, actor, "incident.update", "incident/" + id, body);
            return null;
        });
        return get(id);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> timelineEntries(Input in) {
        Object value = in.raw("timeline");
        if (value == null) return List.of();
        if (!(value instanceof List<?> list)) throw new InvalidInput("timeline", "must be a list of {at, text}");
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m) || !(m.get("text") instanceof String text) || text.isBlank()) {
                throw new InvalidInput("timeline[" + i + "].text", "is required");
            }
            new Input((Map<String, Object>) m).instant("at");
            out.add((Map<String, Object>) m);
        }
        return out;
    }

    /** Null when every reviewer party has its {@code min} distinct sign-offs, else what is missing. */
    private String missingSignOffs(Rows.IncidentRow row, List<Rows.SignOffRow> signOffs) {
        Set<EntityRef> signed = new HashSet<>();
        signOffs.forEach(s -> signed.add(EntityRef.parse(s.reviewer())));
        List<String> missing = new ArrayList<>();
        for (Party party : parties(row.rcaReviewers())) {
            long count = party.members().stream().filter(signed::contains).count();
            if (count < party.min()) {
                missing.add(party.ref() + " needs " + (party.min() - count) + " more of "
                        + party.members().stream().map(EntityRef::toString).collect(Collectors.joining(", ")));
            }
        }
        return missing.isEmpty() ? null : String.join("; ", missing);
    }

    // ---- action items ----

    public ActionItem addAction(long incidentId, Map<String, Object> body, String actor) {
        Input in = new Input(body);
        String title = in.text("title", true, 500);
        EntityRef owner = owner(in, true);
        Priority priority = in.has("priority") ? in.choice("priority", Priority.class, true) : Priority.P2;
        LocalDate due = in.date("dueDate");
        if (due == null) due = today().plusDays(sla.daysFor(priority));
        String link = link(in);
        Instant now = now();
        Rows.ActionRow row = new Rows.ActionRow(0, incidentId, title, owner.toString(), priority.name(), due.toString(),
                ActionStatus.OPEN.label(), link, str(now), str(now));
        long id = db.write(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            dao.incident(incidentId).orElseThrow(() -> new NotFound("no incident " + incidentId));
            long newId = dao.insertAction(row);
            audit(dao, actor, "action.create", "incident/" + incidentId + "/action/" + newId, body);
            return newId;
        });
        return action(incidentId, id);
    }

    public ActionItem updateAction(long incidentId, long actionId, Map<String, Object> body, String actor) {
        Input in = new Input(body);
        db.write(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            Rows.ActionRow row = dao.action(incidentId, actionId)
                    .orElseThrow(() -> new NotFound("no action " + actionId + " on incident " + incidentId));
            ActionStatus status = in.has("status") ? in.choice("status", ActionStatus.class, true)
                    : ActionStatus.parse(row.status());
            Priority priority = in.has("priority") ? in.choice("priority", Priority.class, true)
                    : Priority.valueOf(row.priority());
            LocalDate due = in.date("dueDate");
            EntityRef owner = in.has("owner") ? owner(in, true) : EntityRef.parse(row.owner());
            dao.updateAction(new Rows.ActionRow(actionId, incidentId, in.has("title") ? in.text("title", true, 500)
                    : row.title(), owner.toString(), priority.name(), due == null ? row.dueDate() : due.toString(),
                    status.label(), in.has("link") ? link(in) : row.link(), row.createdAt(), str(now())));
            audit(dao, actor, "action.update", "incident/" + incidentId + "/action/" + actionId, body);
            return null;
        });
        return action(incidentId, actionId);
    }

    private ActionItem action(long incidentId, long actionId) {
        return db.read(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            Rows.ActionRow row = dao.action(incidentId, actionId).orElseThrow();
            return toAction(row, dao.incident(incidentId).map(Rows.IncidentRow::title).orElse(null));
        });
    }

    private EntityRef owner(Input in, boolean required) {
        EntityRef owner = in.ref("owner", "group", required);
        Entity entity = live.current().entity(owner);
        if (entity == null || !(entity.isKind("group") || entity.isKind("user"))) {
            throw new InvalidInput("owner", "no group or user " + owner + " in the catalog");
        }
        return owner;
    }

    private static String link(Input in) {
        String link = in.text("link", false, 2000);
        if (link != null && !link.matches("^https?://\\S+$")) throw new InvalidInput("link", "must be an http(s) URL");
        return link;
    }

    /**
     * Action items, optionally only overdue ones, only of a status, or only those an owner answers for:
     * for a group, its own, its sub-teams' and its members'; for a user, their own and their teams'.
     */
    public List<ActionItem> actions(boolean overdueOnly, String ownerText, String status) {
        return actions(overdueOnly, ownerText, status, null);
    }

    /** As {@link #actions(boolean, String, String)}, only those of incidents that affected {@code entityText}. */
    /** How many incidents are in each status: for metrics. */
    public Map<String, Long> countByStatus() {
        return db.read(h -> h.attach(IncidentDao.class).countByStatus());
    }

    /** Open action items, and those of them past their due date: for metrics. */
    public long[] openAndOverdueActions() {
        return db.read(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            return new long[] {dao.countOpenActions(), dao.countOverdueActions(today().toString())};
        });
    }

    public List<ActionItem> actions(boolean overdueOnly, String ownerText, String status, String entityText) {
        EntityRef entity = entityText == null || entityText.isBlank() ? null : Input.parseRef("entity", entityText, null);
        Set<Long> affecting = entity == null ? null : db.read(h -> new HashSet<>(h.attach(IncidentDao.class)
                .incidentsAffecting(entity.toString(), null, 100_000).stream().map(Rows.IncidentRow::id).toList()));
        return actionsOf(overdueOnly, ownerText, status).stream()
                .filter(a -> affecting == null || affecting.contains(a.incident())).toList();
    }

    private List<ActionItem> actionsOf(boolean overdueOnly, String ownerText, String status) {
        Set<EntityRef> owners = ownerText == null || ownerText.isBlank() ? null : reachable(
                Input.parseRef("owner", ownerText, "group"));
        ActionStatus wanted = status == null || status.isBlank() ? null
                : new Input(Map.of("status", status)).choice("status", ActionStatus.class, true);
        return db.read(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            Map<Long, String> titles = new HashMap<>();
            List<ActionItem> out = new ArrayList<>();
            for (Rows.ActionRow row : dao.allActions()) {
                ActionItem item = toAction(row, titles.computeIfAbsent(row.incidentId(),
                        k -> dao.incident(k).map(Rows.IncidentRow::title).orElse(null)));
                if (overdueOnly && !item.overdue()) continue;
                if (wanted != null && !wanted.label().equals(item.status())) continue;
                if (owners != null && !owners.contains(item.owner())) continue;
                out.add(item);
            }
            return out;
        });
    }

    private Set<EntityRef> reachable(EntityRef owner) {
        Catalog catalog = live.current();
        if (catalog.entity(owner) == null) throw new InvalidInput("owner", "no group or user " + owner + " in the catalog");
        Set<EntityRef> out = new HashSet<>();
        out.add(owner);
        if (owner.kind().equals("user")) {
            out.addAll(catalog.groups().groupsOf(owner));
        } else {
            out.addAll(catalog.groups().eligibleMembers(owner));
            List<EntityRef> todo = new ArrayList<>(catalog.groups().childGroups(owner));
            while (!todo.isEmpty()) {
                EntityRef child = todo.remove(todo.size() - 1);
                if (out.add(child)) todo.addAll(catalog.groups().childGroups(child));
            }
        }
        return out;
    }

    /** The open, overdue follow-ups of incidents that affected the entity. */
    public List<Blocker> blockers(EntityRef entity) {
        String today = today().toString();
        return db.read(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            List<Blocker> out = new ArrayList<>();
            for (Rows.ActionRow row : dao.overdueOn(entity.toString(), today)) {
                String title = dao.incident(row.incidentId()).map(Rows.IncidentRow::title).orElse(null);
                out.add(new Blocker(row.id(), row.title(), EntityRef.parse(row.owner()), row.priority(), row.dueDate(),
                        row.incidentId(), title));
            }
            return out;
        });
    }

    public int auditCount(String target) {
        return db.read(h -> h.attach(IncidentDao.class).auditCount(target));
    }

    // ---- mapping ----

    private Incident toIncident(IncidentDao dao, Rows.IncidentRow row) {
        List<EntityRef> entities = dao.entities(List.of(row.id())).stream()
                .map(e -> EntityRef.parse(e.entityRef())).toList();
        List<Incident.TimelineEntry> timeline = dao.timeline(row.id()).stream()
                .map(t -> new Incident.TimelineEntry(Instant.parse(t.at()), t.text(), t.author())).toList();
        List<Incident.SignOff> signOffs = dao.signOffs(row.id()).stream()
                .map(s -> new Incident.SignOff(EntityRef.parse(s.reviewer()), Instant.parse(s.signedAt()))).toList();
        List<ActionItem> actions = dao.actions(row.id()).stream().map(a -> toAction(a, row.title())).toList();
        IncidentStatus status = IncidentStatus.parse(row.status());
        return new Incident(row.id(), row.title(), row.severity(), row.status(), status.nextLabels(),
                instant(row.startedAt()), instant(row.detectedAt()), instant(row.mitigatedAt()),
                instant(row.resolvedAt()), instant(row.closedAt()), entities, row.commander(), row.summary(),
                row.impact(), strings(row.rootCauses()), strings(row.contributingFactors()), strings(row.lessons()),
                row.rcaOwner() == null ? null : party(row.rcaOwner()), parties(row.rcaReviewers()), row.rcaCommit(),
                signOffs, timeline, actions, instant(row.createdAt()), instant(row.updatedAt()));
    }

    private ActionItem toAction(Rows.ActionRow row, String incidentTitle) {
        boolean overdue = row.status().equals(ActionStatus.OPEN.label())
                && LocalDate.parse(row.dueDate()).isBefore(today());
        return new ActionItem(row.id(), row.incidentId(), incidentTitle, row.title(), EntityRef.parse(row.owner()),
                row.priority(), row.dueDate(), row.status(), overdue, row.link(), instant(row.createdAt()),
                instant(row.updatedAt()));
    }

    private static void audit(IncidentDao dao, String actor, String action, String target, Map<String, Object> body) {
        dao.audit(Instant.now().toString(), actor, action, target, json(body));
    }

    private static Instant pick(Instant given, String stored) {
        return given != null ? given : instant(stored);
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt list in the incident store: " + json, e);
        }
    }

    private static Party party(String json) {
        try {
            return JSON.readValue(json, Party.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt party in the incident store: " + json, e);
        }
    }

    private static List<Party> parties(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<Party>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt parties in the incident store: " + json, e);
        }
    }

    /** An incident or action that does not exist: a 404. */
    public static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(message, null, false, false);
        }
    }

    /** For postmortems: the incident and nothing else is needed. */
    public String postmortem(long id) {
        return Postmortem.markdown(get(id));
    }
}
