package dev.steward.chatops;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.EntityLookup;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.ReadinessChecklist;
import dev.steward.catalog.model.Values;
import dev.steward.rca.InvalidInput;
import dev.steward.readiness.CheckResult;
import dev.steward.readiness.ChecklistReadiness;
import dev.steward.readiness.Checklists;
import dev.steward.readiness.EntityReadiness;
import dev.steward.readiness.LiveReadiness;
import dev.steward.readiness.NotEligible;
import dev.steward.readiness.store.ReadinessService;
import dev.steward.resolve.NotFoundException;
import dev.steward.resolve.Party;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Readiness in chat: {@code readiness X} (level, gate, what is missing and who must act) and, from
 * Slack, {@code attest X [checklist/]check URL [note]} for a person whose Slack identity maps to a
 * User entity: by the User's {@code slack.com/user-id} annotation, else by {@code spec.profile.email}
 * as Slack's directory gives it.
 */
final class ReadinessChat {
    static final Pattern READINESS = Pattern.compile("^readiness\\s+(\\S+)$", Pattern.CASE_INSENSITIVE);
    static final Pattern ATTEST = Pattern.compile("^attest\\s+(\\S+)\\s+(\\S+)\\s+(https?://\\S+)(?:\\s+(.+))?$",
            Pattern.CASE_INSENSITIVE);
    static final String SLACK_ID = "slack.com/user-id";

    private final LiveReadiness readiness;
    private final ReadinessService service;
    private final SlackDirectory directory;
    private final String baseUrl;

    ReadinessChat(LiveReadiness readiness, ReadinessService service, SlackDirectory directory, String baseUrl) {
        this.readiness = readiness;
        this.service = service;
        this.directory = directory;
        this.baseUrl = baseUrl;
    }

    ChatReply readiness(Entity entity) {
        EntityReadiness r = readiness.current().of(entity);
        String page = baseUrl + "/entities/" + entity.ref().kind() + "/" + entity.ref().namespace() + "/" + entity.ref().name();
        if (r == null) return ChatReply.of("No readiness checklist applies to " + entity.ref() + ".",
                "No readiness checklist applies to <" + page + "|" + entity.ref().name() + ">.");
        StringBuilder text = new StringBuilder(entity.ref() + ": " + (r.ready() ? "ready" : "NOT READY") + "\n");
        StringBuilder md = new StringBuilder((r.ready() ? ":white_check_mark: " : ":no_entry: ") + "<" + page + "|"
                + entity.ref().name() + "> is " + (r.ready() ? "*ready*" : "*not ready*") + " for production\n");
        for (ChecklistReadiness c : r.checklists()) {
            String line = c.checklist() + ": level " + (c.level() == null ? "none" : c.level()) + ", gate " + c.gate()
                    + (c.dueBy() == null ? "" : ", due by " + c.dueBy());
            text.append(line).append('\n');
            md.append("*").append(SlackText.escape(c.checklist())).append("*: level ").append(c.level() == null ? "none" : c.level())
                    .append(", gate ").append(c.gate()).append(c.overdue() ? " — :rotating_light: overdue since " + c.dueBy() : "")
                    .append('\n');
            for (CheckResult k : c.checks()) {
                if (k.status().met() || !k.counts()) continue;
                String who = k.mustAct().stream().map(Party::ref).map(EntityRef::toString).collect(Collectors.joining(", "));
                text.append("- ").append(k.id()).append(" (").append(k.level()).append("): ").append(k.status().label())
                        .append(who.isEmpty() ? "" : " — " + who).append('\n');
                md.append("• `").append(k.id()).append("` ").append(k.level()).append(": *").append(k.status().label())
                        .append("*").append(who.isEmpty() ? "" : " — " + SlackText.escape(who))
                        .append(k.runbook() == null ? "" : " <" + baseUrl + "/runbooks/" + k.runbook() + "|runbook>")
                        .append('\n');
            }
        }
        return ChatReply.of(text.toString().trim(), md.toString().trim());
    }

    ChatReply attest(Matcher m, ChatUser user, Catalog catalog) {
        if (service == null) return ChatReply.of("This Steward keeps no readiness evidence.",
                "This Steward keeps no readiness evidence.");
        if (!user.isKnown()) return ChatReply.of("attest needs to know who you are: use it from Slack.",
                "`attest` needs to know who you are: use it from Slack.");
        EntityRef person = person(catalog, user);
        if (person == null) {
            return ChatReply.of("Your Slack identity (" + user.slackId() + ") maps to no User in the catalog: add the "
                    + SLACK_ID + " annotation or spec.profile.email to your User entity.",
                    ":warning: Your Slack identity maps to no User in the catalog: add the `" + SLACK_ID
                            + "` annotation or `spec.profile.email` to your User entity.");
        }
        Entity entity;
        try {
            entity = EntityLookup.find(catalog, m.group(1));
        } catch (EntityLookup.LookupException e) {
            return ChatReply.of(e.getMessage(), SlackText.escape(e.getMessage()));
        }
        String[] named = checkOf(catalog, entity, m.group(2));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entity", entity.ref().toString());
        body.put("checklist", named[0]);
        body.put("check", named[1]);
        body.put("evidence", m.group(3));
        if (m.group(4) != null) body.put("note", m.group(4));
        try {
            CheckResult result = service.attest(body, person.toString());
            return ChatReply.of("Attested " + named[1] + " for " + entity.ref() + " as " + person + ": now "
                    + result.status().label() + ".", ":white_check_mark: Attested `" + named[1] + "` for `"
                    + entity.ref() + "` as " + person.name() + ": now *" + result.status().label() + "*.");
        } catch (InvalidInput | NotEligible | NotFoundException e) {
            return ChatReply.of("Not attested: " + e.getMessage(), ":x: Not attested: " + SlackText.escape(e.getMessage()));
        }
    }

    /** {@code checklist/check}, or a check id that only one applicable checklist has. */
    private static String[] checkOf(Catalog catalog, Entity entity, String text) {
        int slash = text.indexOf('/');
        if (slash > 0) return new String[] {text.substring(0, slash).toLowerCase(Locale.ROOT), text.substring(slash + 1)};
        List<ReadinessChecklist> having = Checklists.applicable(catalog, entity).stream()
                .filter(c -> c.check(text) != null).toList();
        return new String[] {having.size() == 1 ? having.get(0).name() : "", text};
    }

    /** The User entity of a Slack identity: by annotation, else by e-mail from Slack's directory. */
    private EntityRef person(Catalog catalog, ChatUser user) {
        List<Entity> users = catalog.entitiesOfKind("user");
        for (Entity u : users) {
            if (user.slackId().equals(Values.map(u.metadata().get("annotations")).get(SLACK_ID))) return u.ref();
        }
        String email = directory.email(user.slackId()).orElse(null);
        if (email == null) return null;
        for (Entity u : users) {
            Object mail = Values.map(u.spec().get("profile")).get("email");
            if (mail instanceof String s && s.equalsIgnoreCase(email.trim())) return u.ref();
        }
        return null;
    }
}
