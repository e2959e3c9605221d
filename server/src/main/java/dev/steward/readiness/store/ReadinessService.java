package dev.steward.readiness.store;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.EntityLookup;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.ReadinessChecklist;
import dev.steward.catalog.model.Responsibility;
import dev.steward.catalog.model.Values;
import dev.steward.rca.Input;
import dev.steward.rca.InvalidInput;
import dev.steward.readiness.AttestParties;
import dev.steward.readiness.CheckResult;
import dev.steward.readiness.Checklists;
import dev.steward.readiness.EntityReadiness;
import dev.steward.readiness.Evidence;
import dev.steward.readiness.Facts;
import dev.steward.readiness.LiveReadiness;
import dev.steward.readiness.NotEligible;
import dev.steward.readiness.Voids;
import dev.steward.readiness.Waiver;
import dev.steward.resolve.NotFoundException;
import dev.steward.resolve.Party;
import dev.steward.resolve.Resolver;
import dev.steward.store.Database;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Attestations and waivers: validated against the served catalog, written with their audit row in
 * one transaction, then the in-memory {@link Evidence} is read anew so answers never query the store.
 * Other replicas see a write at their next {@link #refresh()}.
 */
public final class ReadinessService {
    public static final String WAIVER = "readiness-waiver";
    private static final int TEXT = 2_000;
    private static final int MAX_WAIVER_DAYS = 366;

    private final Database db;
    private final LiveCatalog live;
    private final Clock clock;
    private final LiveReadiness readiness;
    private volatile Evidence evidence = Evidence.NONE;

    public ReadinessService(Database db, LiveCatalog live, Clock clock, Voids voids) {
        this(db, live, clock, voids, () -> Facts.NONE);
    }

    /** With the facts platform alignment observed, which rules read as {@code facts}. */
    public ReadinessService(Database db, LiveCatalog live, Clock clock, Voids voids,
                            Supplier<Facts> facts) {
        this.db = db;
        this.live = live;
        this.clock = clock;
        this.readiness = new LiveReadiness(live::current, () -> evidence, facts, voids, clock);
        refresh();
    }

    /** The served readiness: catalog, evidence in memory, now. */
    public LiveReadiness live() {
        return readiness;
    }

    public Evidence evidence() {
        return evidence;
    }

    /** Reads the newest evidence from the store; a no-op when nothing was written since. */
    public void refresh() {
        Evidence next = read(db, evidence);
        if (next != evidence) evidence = next;
    }

    /** The evidence in a store, for a one-off reader such as {@code steward plan --db}. */
    public static Evidence read(Database db) {
        return read(db, Evidence.NONE);
    }

    private static Evidence read(Database db, Evidence known) {
        return db.read(h -> {
            ReadinessDao dao = h.attach(ReadinessDao.class);
            long version = dao.lastAttestation() * 1_000_003L + dao.lastWaiver();
            if (version == known.version()) return known;
            return Evidence.of(version, dao.latestAttestations().stream().map(EvidenceRows::attestation).toList(),
                    dao.latestWaivers().stream().map(EvidenceRows::waiver).toList());
        });
    }

    /**
     * Reads the store again every {@code interval}, so writes made through another replica show here;
     * a failed read keeps the evidence in memory (and is logged), never empties it.
     */
    public AutoCloseable refreshEvery(Duration interval) {
        var timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "steward-readiness-refresh");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(ReadinessService.class).warn("refreshing readiness evidence failed: {}",
                        e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    /** {@code {entity, checklist, check, evidence, note}} by {@code actor}; answers the check as it now stands. */
    public CheckResult attest(Map<String, Object> body, String actor) {
        Input in = new Input(body);
        Target t = target(in);
        if (t.check.attest() == null) {
            throw new InvalidInput("check", "'" + t.check.id() + "' is a rule check: it is evaluated from the manifest, "
                    + "not attested");
        }
        String link = evidenceLink(in.text("evidence", true, TEXT));
        String note = in.text("note", false, TEXT);
        EntityRef user = user(t.catalog, actor);
        List<Party> by = AttestParties.by(t.catalog, t.entity, t.checklist, t.check);
        if (!AttestParties.eligible(by, user)) {
            throw new NotEligible(user + " may not attest " + t.check.id() + " for " + t.entity.ref() + ": "
                    + t.check.attest().by().text() + " is " + names(by));
        }
        Map<String, Object> values = new HashMap<>();
        t.check.attest().voidOn().forEach(p -> values.put(p, Values.at(t.entity.document(), p)));
        Instant now = clock.instant();
        var row = new ReadinessDao.AttestationRow(0, t.entity.ref().toString(), t.checklist.name(), t.check.id(),
                user.toString(), link, note, now.toString(), t.catalog.commit(), EvidenceRows.json(values));
        return record(t, actor, "attestation", now, body, dao -> dao.insertAttestation(row));
    }

    /** {@code {entity, checklist, check, reason, until}} by an approver of readiness-waiver on the entity. */
    public CheckResult waive(Map<String, Object> body, String actor) {
        Input in = new Input(body);
        Target t = target(in);
        String reason = in.text("reason", true, TEXT);
        LocalDate until = in.date("until");
        if (until == null) throw new InvalidInput("until", "is required: the last day the waiver holds, such as 2027-01-31");
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (until.isBefore(today)) throw new InvalidInput("until", "is in the past (" + until + " < " + today + ")");
        if (until.isAfter(today.plusDays(MAX_WAIVER_DAYS))) {
            throw new InvalidInput("until", "is more than " + MAX_WAIVER_DAYS + " days away: a waiver is temporary");
        }
        EntityRef user = user(t.catalog, actor);
        Responsibility waiver = t.catalog.responsibility(WAIVER);
        List<Party> approvers = Resolver.resolve(t.catalog, t.entity, waiver).approvers();
        if (!AttestParties.eligible(approvers, user)) {
            throw new NotEligible(user + " may not waive checks of " + t.entity.ref() + ": the approvers of " + WAIVER
                    + " are " + names(approvers));
        }
        Instant now = clock.instant();
        var row = new ReadinessDao.WaiverRow(0, t.entity.ref().toString(), t.checklist.name(), t.check.id(),
                user.toString(), reason, until.toString(), now.toString(), t.catalog.commit());
        return record(t, actor, "waiver", now, body, dao -> dao.insertWaiver(row));
    }

    /**
     * Writes one row and its audit row in one transaction ({@code readiness.attest} or {@code readiness.waive}),
     * reads the evidence anew, and answers the check as it now stands.
     */
    private CheckResult record(Target t, String actor, String what, Instant now, Map<String, Object> body,
                               ToLongFunction<ReadinessDao> insert) {
        String action = what.equals("waiver") ? "readiness.waive" : "readiness.attest";
        db.write(h -> {
            ReadinessDao dao = h.attach(ReadinessDao.class);
            long id = insert.applyAsLong(dao);
            dao.audit(now.toString(), actor, action, target(t) + "/" + what + "/" + id, EvidenceRows.json(body));
            return id;
        });
        refresh();
        return checkNow(t);
    }

    private record Target(Catalog catalog, Entity entity, ReadinessChecklist checklist, ReadinessChecklist.Check check) {
    }

    private static String target(Target t) {
        return "readiness/" + t.entity.ref() + "/" + t.checklist.name() + "/" + t.check.id();
    }

    /** The entity, checklist and check a request names, in the served catalog: 404 when one does not exist. */
    private Target target(Input in) {
        Catalog catalog = live.current();
        String entityText = in.text("entity", true, 300);
        String checklistName = in.text("checklist", true, 200);
        String checkId = in.text("check", true, 200);
        Entity entity;
        try {
            entity = EntityLookup.find(catalog, entityText);
        } catch (EntityLookup.LookupException e) {
            if (e.malformed()) throw new InvalidInput("entity", e.getMessage());
            throw new NotFoundException(e.getMessage());
        }
        ReadinessChecklist checklist = catalog.checklist(checklistName);
        if (checklist == null) {
            throw new NotFoundException("no readiness checklist '" + checklistName + "'; known: "
                    + catalog.checklists().stream().map(ReadinessChecklist::name).collect(Collectors.joining(", ")));
        }
        if (!Checklists.applicable(catalog, entity).contains(checklist)) {
            throw new InvalidInput("checklist", "'" + checklist.name() + "' does not apply to " + entity.ref());
        }
        ReadinessChecklist.Check check = checklist.check(checkId);
        if (check == null) {
            throw new NotFoundException("checklist " + checklist.name() + " has no check '" + checkId + "'; its checks: "
                    + checklist.checks().stream().map(ReadinessChecklist.Check::id).collect(Collectors.joining(", ")));
        }
        return new Target(catalog, entity, checklist, check);
    }

    /** The User entity the token's name names: the actor must be a person in the catalog. */
    private static EntityRef user(Catalog catalog, String actor) {
        EntityRef ref;
        try {
            ref = EntityRef.parse(actor, "user", EntityRef.DEFAULT_NAMESPACE);
        } catch (EntityRef.RefFormatException e) {
            throw new NotEligible("the token's name '" + actor + "' does not name a User entity");
        }
        if (catalog.entity(ref) == null || !ref.kind().equals("user")) {
            throw new NotEligible("the token's name '" + actor + "' names no User entity in the catalog (" + ref + ")");
        }
        return ref;
    }

    private static String evidenceLink(String text) {
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme();
            if (("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) && uri.getHost() != null) {
                return uri.toString();
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new InvalidInput("evidence", "must be an http(s) link to the evidence, such as a ticket or a test run");
    }

    private static String names(List<Party> parties) {
        if (parties.isEmpty()) return "nobody";
        return parties.stream().map(p -> p.ref() + " (" + p.members().stream().map(EntityRef::toString)
                .collect(Collectors.joining(", ")) + ")").collect(Collectors.joining(", "));
    }

    private CheckResult checkNow(Target t) {
        EntityReadiness r = readiness.current().of(t.entity);
        return r.checklist(t.checklist.name()).checks().stream().filter(c -> c.id().equals(t.check.id())).findFirst()
                .orElseThrow();
    }
}
