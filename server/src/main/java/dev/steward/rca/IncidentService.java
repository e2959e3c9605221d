package dev.steward.rca;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.EntityLookup;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Responsibility;
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
 * (that responsibility's approvers), at the served catalog commit. Each write loads what it changes,
 * lets the {@link IncidentLifecycle} decide, and stores the result with its audit row in one
 * transaction of the one writer. Commands come parsed ({@link CreateIncident}, {@link UpdateIncident},
 * {@link AddAction}, {@link UpdateAction}); what they name in the catalog is checked here.
 */
public final class IncidentService {
    static final String INCIDENT_RCA = "incident-rca";

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

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    // ---- incidents ----

    public Incident create(CreateIncident command, String actor) {
        Catalog catalog = live.current();
        List<EntityRef> entities = affected(catalog, command.entities());
        Resolution rca = rcaResolution(catalog, entities.get(0));
        Party owner = rca == null || rca.responsible().isEmpty() ? null : rca.responsible().get(0);
        List<Party> reviewers = rca == null ? List.of() : rca.approvers();
        Instant now = clock.instant();
        Rows.IncidentRow row = new Rows.IncidentRow(0, command.title(), command.severity(), IncidentStatus.OPEN,
                command.startedAt(), command.detectedAt() == null ? now : command.detectedAt(), null, null, null,
                command.commander(), command.summary(), command.impact(), command.rootCauses(),
                command.contributingFactors(), command.lessons(), owner, reviewers, catalog.commit(), now, now);
        long id = db.write(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            long newId = dao.insertIncident(row);
            for (int i = 0; i < entities.size(); i++) {
                dao.insertEntity(new Rows.EntityRow(newId, i, entities.get(i)));
            }
            dao.insertTimeline(newId, now, "incident opened (" + command.severity() + ")", actor);
            dao.auditJson(now.toString(), actor, "incident.create", "incident/" + newId, command);
            return newId;
        });
        return get(id);
    }

    /** The entities as refs of the served catalog, each once, in the order given. */
    private static List<EntityRef> affected(Catalog catalog, List<String> given) {
        List<EntityRef> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            EntityRef ref;
            try {
                ref = EntityLookup.find(catalog, given.get(i)).ref();
            } catch (EntityLookup.LookupException e) {
                throw new InvalidInput("entities[" + i + "]", e.getMessage());
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
        LocalDate today = today();
        return db.read(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            Rows.IncidentRow row = dao.incident(id).orElseThrow(() -> new NotFound("no incident " + id));
            return IncidentViews.incident(dao, row, today);
        });
    }

    /** The newest incidents, at most {@code limit}, optionally only of an entity or of a status. */
    public List<Incident> list(String entity, String status, int limit) {
        EntityRef ref = entity == null || entity.isBlank() ? null : Input.parseRef("entity", entity, null);
        IncidentStatus wanted = null;
        if (status != null && !status.isBlank()) {
            wanted = IncidentStatus.parse(status);
            if (wanted == null) {
                throw new InvalidInput("status", "must be one of open, mitigated, resolved, postmortem, closed");
            }
        }
        IncidentStatus only = wanted;
        LocalDate today = today();
        return db.read(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            List<Rows.IncidentRow> rows = ref == null ? dao.incidents(only, limit)
                    : dao.incidentsAffecting(ref, only, limit);
            return rows.stream().map(row -> IncidentViews.incident(dao, row, today)).toList();
        });
    }

    public Incident update(long id, UpdateIncident change, String actor) {
        Instant now = clock.instant();
        db.write(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            Rows.IncidentRow row = dao.incident(id).orElseThrow(() -> new NotFound("no incident " + id));
            Set<EntityRef> signed = dao.signOffs(id).stream().map(Rows.SignOffRow::reviewer).collect(Collectors.toSet());
            IncidentLifecycle.Decision decision = IncidentLifecycle.decide(new IncidentLifecycle.Current(row.status(),
                    new IncidentLifecycle.Milestones(row.mitigatedAt(), row.resolvedAt(), row.closedAt()),
                    row.rcaReviewers(), signed), change, now);
            if (decision.signOff() != null) dao.signOff(id, decision.signOff(), now);
            decision.timeline().forEach(text -> dao.insertTimeline(id, now, text, actor));
            dao.updateIncident(change.applyTo(row, decision, now));
            for (UpdateIncident.Note note : change.timeline()) {
                dao.insertTimeline(id, note.at() == null ? now : note.at(), note.text(), actor);
            }
            dao.auditJson(now.toString(), actor, "incident.update", "incident/" + id, change);
            return null;
        });
        return get(id);
    }

    // ---- action items ----

    public ActionItem addAction(long incidentId, AddAction command, String actor) {
        checkOwner(command.owner());
        Instant now = clock.instant();
        LocalDate due = command.dueDate() != null ? command.dueDate()
                : LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(sla.daysFor(command.priority()));
        Rows.ActionRow row = new Rows.ActionRow(0, incidentId, command.title(), command.owner(), command.priority(),
                due, ActionStatus.OPEN, command.link(), now, now);
        long id = db.write(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            dao.incident(incidentId).orElseThrow(() -> new NotFound("no incident " + incidentId));
            long newId = dao.insertAction(row);
            dao.auditJson(now.toString(), actor, "action.create", "incident/" + incidentId + "/action/" + newId, command);
            return newId;
        });
        return action(incidentId, id);
    }

    public ActionItem updateAction(long incidentId, long actionId, UpdateAction change, String actor) {
        if (change.owner() != null) checkOwner(change.owner());
        Instant now = clock.instant();
        db.write(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            Rows.ActionRow row = dao.action(incidentId, actionId)
                    .orElseThrow(() -> new NotFound("no action " + actionId + " on incident " + incidentId));
            dao.updateAction(change.applyTo(row, now));
            dao.auditJson(now.toString(), actor, "action.update", "incident/" + incidentId + "/action/" + actionId,
                    change);
            return null;
        });
        return action(incidentId, actionId);
    }

    private ActionItem action(long incidentId, long actionId) {
        LocalDate today = today();
        return db.read(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            Rows.ActionRow row = dao.action(incidentId, actionId).orElseThrow();
            return IncidentViews.action(row, dao.title(incidentId).orElse(null), today);
        });
    }

    /** Actions are owned by a group or a user of the served catalog. */
    private void checkOwner(EntityRef owner) {
        Entity entity = live.current().entity(owner);
        if (entity == null || !(entity.isKind("group") || entity.isKind("user"))) {
            throw new InvalidInput("owner", "no group or user " + owner + " in the catalog");
        }
    }

    /**
     * Action items, optionally only overdue ones, only of a status, or only those an owner answers for:
     * for a group, its own, its sub-teams' and its members'; for a user, their own and their teams'.
     */
    public List<ActionItem> actions(boolean overdueOnly, String ownerText, String status) {
        return actions(overdueOnly, ownerText, status, null);
    }

    /** As {@link #actions(boolean, String, String)}, only those of incidents that affected {@code entityText}. */
    public List<ActionItem> actions(boolean overdueOnly, String ownerText, String status, String entityText) {
        EntityRef entity = entityText == null || entityText.isBlank() ? null : Input.parseRef("entity", entityText, null);
        Set<EntityRef> owners = ownerText == null || ownerText.isBlank() ? null
                : Owners.reachable(live.current(), Input.parseRef("owner", ownerText, "group"));
        ActionStatus wanted = status == null || status.isBlank() ? null
                : new Input(Map.of("status", status)).choice("status", ActionStatus.class, true);
        LocalDate today = today();
        return db.read(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            Set<Long> affecting = entity == null ? null : new HashSet<>(dao.incidentsAffecting(entity, null, 100_000)
                    .stream().map(Rows.IncidentRow::id).toList());
            Map<Long, String> titles = new HashMap<>();
            List<ActionItem> out = new ArrayList<>();
            for (Rows.ActionRow row : dao.allActions()) {
                if (affecting != null && !affecting.contains(row.incidentId())) continue;
                if (wanted != null && row.status() != wanted) continue;
                if (owners != null && !owners.contains(row.owner())) continue;
                ActionItem item = IncidentViews.action(row, titles.computeIfAbsent(row.incidentId(),
                        k -> dao.title(k).orElse(null)), today);
                if (!overdueOnly || item.overdue()) out.add(item);
            }
            return out;
        });
    }

    /** How many incidents are in each status: for metrics. */
    public Map<String, Long> countByStatus() {
        return db.read(h -> h.attach(IncidentDao.class).countByStatus());
    }

    /** Open action items, and those of them past their due date: for metrics. */
    public long[] openAndOverdueActions() {
        LocalDate today = today();
        return db.read(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            return new long[] {dao.countOpenActions(), dao.countOverdueActions(today)};
        });
    }

    /** The open, overdue follow-ups of incidents that affected the entity. */
    public List<Blocker> blockers(EntityRef entity) {
        LocalDate today = today();
        return db.read(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            return dao.overdueOn(entity, today).stream().map(row -> new Blocker(row.id(), row.title(), row.owner(),
                    row.priority().name(), row.dueDate().toString(), row.incidentId(),
                    dao.title(row.incidentId()).orElse(null))).toList();
        });
    }

    public int auditCount(String target) {
        return db.read(h -> h.attach(IncidentDao.class).auditCount(target));
    }

    /** For postmortems: the incident and nothing else is needed. */
    public String postmortem(long id) {
        return Postmortem.markdown(get(id));
    }

    /** An incident or action that does not exist: a 404. */
    public static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(message, null, false, false);
        }
    }
}
