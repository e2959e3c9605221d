package dev.steward.chatops;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.EntityLookup;
import dev.steward.catalog.LiveCatalog;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Responsibility;
import dev.steward.catalog.model.Values;
import dev.steward.rca.ActionItem;
import dev.steward.rca.Incident;
import dev.steward.rca.IncidentService;
import dev.steward.readiness.LiveReadiness;
import dev.steward.readiness.store.ReadinessService;
import dev.steward.resolve.Party;
import dev.steward.resolve.Resolution;
import dev.steward.resolve.Resolver;
import dev.steward.resolve.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Chat-ops over the served snapshot: {@code who owns X}, {@code who approves R on X},
 * {@code who handles R for X}, {@code runbook R [X]}, {@code incidents [X]}, {@code actions [team]},
 * {@code help}. Names are matched loosely: a typo gets "did you mean", an ambiguous name a short list.
 */
public final class ChatOps {
    private static final Pattern OWNS = Pattern.compile("^who\\s+owns\\s+(\\S+)$");
    private static final Pattern APPROVES = Pattern.compile("^who\\s+(?:approves|signs\\s+off)\\s+(\\S+)\\s+(?:on|for)\\s+(\\S+)$");
    private static final Pattern HANDLES = Pattern.compile("^who\\s+(?:handles|does)\\s+(\\S+)\\s+(?:for|on)\\s+(\\S+)$");
    private static final Pattern RUNBOOK = Pattern.compile("^runbook\\s+(\\S+)(?:\\s+(?:for|on)?\\s*(\\S+))?$");
    private static final Pattern INCIDENTS = Pattern.compile("^incidents(?:\\s+(\\S+))?$");
    private static final Pattern ACTIONS = Pattern.compile("^actions(?:\\s+(\\S+))?$");

    private final LiveCatalog live;
    private final IncidentService incidents;
    private final String baseUrl;
    private final ReadinessChat readiness;

    public ChatOps(LiveCatalog live, IncidentService incidents, String baseUrl) {
        this(live, incidents, baseUrl, null, null, SlackDirectory.NONE);
    }

    /** With {@code readiness X}, and {@code attest} from Slack ({@code service} null: no writes). */
    public ChatOps(LiveCatalog live, IncidentService incidents, String baseUrl, LiveReadiness ready,
                   ReadinessService service, SlackDirectory directory) {
        this.live = live;
        this.incidents = incidents;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.readiness = ready == null ? null : new ReadinessChat(ready, service, directory, this.baseUrl);
    }

    public ChatReply answer(String input) {
        return answer(input, ChatUser.NONE);
    }

    /** The answer to {@code input} asked by {@code user}, who matters for writes (attest). */
    public ChatReply answer(String input, ChatUser user) {
        String text = input == null ? "" : input.trim().replaceAll("\\s+", " ").replaceAll("[?!.]+$", "");
        String lower = text.toLowerCase(Locale.ROOT);
        try {
            Matcher m;
            if (lower.isEmpty() || lower.equals("help")) return help();
            if ((m = OWNS.matcher(lower)).matches()) return owns(m.group(1));
            if ((m = APPROVES.matcher(lower)).matches()) return who(m.group(1), m.group(2), true);
            if ((m = HANDLES.matcher(lower)).matches()) return who(m.group(1), m.group(2), false);
            if ((m = RUNBOOK.matcher(lower)).matches()) return runbook(m.group(1), m.group(2));
            if ((m = INCIDENTS.matcher(lower)).matches()) return incidents(m.group(1));
            if ((m = ACTIONS.matcher(lower)).matches()) return actions(m.group(1));
            if (readiness != null) {
                if ((m = ReadinessChat.READINESS.matcher(lower)).matches()) return readiness.readiness(entity(live.current(), m.group(1)));
                if ((m = ReadinessChat.ATTEST.matcher(text)).matches()) return readiness.attest(m, user, live.current());
            }
            return ChatReply.of("I don't understand \"" + text + "\". Try: help", "I don't understand *" + SlackText.escape(text)
                    + "*. Try `help`.");
        } catch (Unknown e) {
            return ChatReply.of(e.getMessage(), e.markdown);
        }
    }

    private ChatReply help() {
        String commands = String.join("\n",
                "who owns X                    the owner of an entity and its people",
                "who approves R on X           who signs off a change R (e.g. partition-evolution) on X",
                "who handles R for X           who is responsible for a duty R (e.g. checkpoint-health) on X",
                "runbook R [X]                 the runbook for R (on X)",
                "incidents [X]                 open incidents (affecting X)",
                "actions [team]                open follow-up actions (of a team), overdue first",
                "readiness X                   X's production readiness: level, gate, what is missing, who acts",
                "attest X [list/]check URL [note]  attest a readiness check with evidence (from Slack)");
        return ChatReply.of("Steward answers:\n" + commands, "*Steward answers:*\n```" + commands + "```");
    }

    private ChatReply owns(String name) {
        Catalog catalog = live.current();
        Entity e = entity(catalog, name);
        if (e.owner() == null) {
            return ChatReply.of(e.ref() + " has no owner.", link(e.ref()) + " has no owner.");
        }
        List<EntityRef> members = catalog.groups().eligibleMembers(e.owner());
        Entity owner = catalog.entity(e.owner());
        String links = owner == null ? "" : Values.list(owner.metadata().get("links")).stream()
                .map(Values::map).filter(l -> l.get("url") instanceof String)
                .map(l -> SlackText.link((String) l.get("url"), l.get("title") == null ? null : String.valueOf(l.get("title"))))
                .collect(Collectors.joining(", "));
        return ChatReply.of(e.ref() + " is owned by " + e.owner() + " (" + SlackText.names(members) + ")",
                link(e.ref()) + " is owned by " + link(e.owner()) + (members.isEmpty() ? "" : " — " + SlackText.names(members))
                        + (links.isEmpty() ? "" : "\nOn call: " + links));
    }

    private ChatReply who(String responsibilityName, String entityName, boolean approvers) {
        Catalog catalog = live.current();
        Responsibility r = responsibility(catalog, responsibilityName);
        Entity e = entityFor(catalog, entityName, r);
        Resolution answer = Resolver.resolve(catalog, e, r);
        if (incidents != null) answer = answer.withBlockers(incidents.blockers(e.ref()));
        if (answer.status() == Status.NOT_APPLICABLE) {
            return ChatReply.of(r.name() + " does not apply to " + e.ref() + ": " + answer.note(),
                    "`" + r.name() + "` does not apply to " + link(e.ref()) + ": " + SlackText.escape(answer.note()));
        }
        List<Party> parties = approvers ? answer.approvers() : answer.responsible();
        String role = approvers ? "approve" : "handle";
        if (parties.isEmpty()) {
            return ChatReply.of("Nobody is named to " + role + " " + r.name() + " on " + e.ref() + " (unowned). "
                    + answer.note(), "*Unowned:* nobody is named to " + role + " `" + r.name() + "` on " + link(e.ref())
                    + ". " + SlackText.escape(answer.note()));
        }
        StringBuilder text = new StringBuilder(r.name() + " on " + e.ref() + ":\n");
        StringBuilder markdown = new StringBuilder("`" + r.name() + "` on " + link(e.ref()) + ":\n");
        for (Party p : parties) {
            String why = p.via().stream().map(v -> v.policy() == null ? v.token() : v.policy().name() + " (" + v.scope()
                    + (v.token() == null ? "" : ", " + v.token()) + ")").collect(Collectors.joining("; "));
            text.append("- ").append(p.ref()).append(p.min() > 1 ? " (" + p.min() + " of them)" : "").append(": ")
                    .append(SlackText.names(p.members())).append(" — via ").append(why).append('\n');
            markdown.append("• ").append(link(p.ref())).append(p.min() > 1 ? " *(" + p.min() + " of them)*" : "")
                    .append(" — ").append(SlackText.names(p.members())).append(" _via ").append(SlackText.escape(why)).append("_\n");
        }
        if (answer.runbook() != null) {
            text.append("runbook: ").append(answer.runbook()).append('\n');
            markdown.append("Runbook: <").append(baseUrl).append("/runbooks/").append(answer.runbook()).append('|')
                    .append(answer.runbook()).append(">\n");
        }
        if (!answer.blockers().isEmpty()) {
            String blockers = answer.blockers().stream().map(b -> b.title() + " (" + b.owner() + ", due " + b.due() + ")")
                    .collect(Collectors.joining("; "));
            text.append(answer.blocked() ? "BLOCKED by overdue follow-ups: " : "overdue follow-ups: ").append(blockers);
            markdown.append(answer.blocked() ? ":no_entry: *Blocked* by overdue follow-ups: " : ":warning: Overdue follow-ups: ")
                    .append(SlackText.escape(blockers));
        }
        markdown.append("\n<").append(baseUrl).append("/explorer?entity=").append(e.ref()).append("&responsibility=")
                .append(r.name()).append("|Why?>");
        return ChatReply.of(text.toString().trim(), markdown.toString().trim());
    }

    private ChatReply runbook(String responsibilityName, String entityName) {
        Catalog catalog = live.current();
        Responsibility r = responsibility(catalog, responsibilityName);
        String path = r.runbook();
        if (entityName != null) {
            Entity e = entity(catalog, entityName);
            path = Resolver.resolve(catalog, e, r).runbook();
        }
        if (path == null) {
            return ChatReply.of("There is no runbook for " + r.name() + (entityName == null ? "" : " on " + entityName) + ".",
                    "There is no runbook for `" + r.name() + "`.");
        }
        return ChatReply.of("Runbook for " + r.name() + ": " + baseUrl + "/runbooks/" + path,
                "Runbook for `" + r.name() + "`: <" + baseUrl + "/runbooks/" + path + "|" + path + ">");
    }

    private ChatReply incidents(String entityName) {
        if (incidents == null) return ChatReply.of("This Steward keeps no incidents.", "This Steward keeps no incidents.");
        String ref = entityName == null ? null : entity(live.current(), entityName).ref().toString();
        List<Incident> open = incidents.list(ref, null, 50).stream().filter(i -> !i.status().equals("closed")).toList();
        if (open.isEmpty()) {
            return ChatReply.of("No open incidents" + (ref == null ? "." : " affecting " + ref + "."),
                    ":white_check_mark: No open incidents" + (ref == null ? "." : " affecting `" + ref + "`."));
        }
        String text = open.stream().map(i -> "#" + i.id() + " " + i.severity() + " " + i.status() + ": " + i.title())
                .collect(Collectors.joining("\n"));
        String markdown = open.stream().map(i -> "• <" + baseUrl + "/incidents/" + i.id() + "|#" + i.id() + "> *"
                + i.severity() + "* " + i.status() + " — " + SlackText.escape(i.title())).collect(Collectors.joining("\n"));
        return ChatReply.of(text, markdown);
    }

    private ChatReply actions(String teamName) {
        if (incidents == null) return ChatReply.of("This Steward keeps no incidents.", "This Steward keeps no incidents.");
        String owner = teamName == null ? null : entity(live.current(), teamName, "group").ref().toString();
        List<ActionItem> open = new ArrayList<>(incidents.actions(false, owner, "open"));
        open.sort(Comparator.comparing(ActionItem::overdue).reversed().thenComparing(ActionItem::due));
        if (open.isEmpty()) {
            return ChatReply.of("No open actions" + (owner == null ? "." : " for " + owner + "."),
                    ":white_check_mark: No open actions" + (owner == null ? "." : " for `" + owner + "`."));
        }
        String text = open.stream().map(a -> (a.overdue() ? "OVERDUE " : "") + a.priority() + " " + a.title() + " ("
                + a.owner() + ", due " + a.due() + ", incident #" + a.incident() + ")").collect(Collectors.joining("\n"));
        String markdown = open.stream().map(a -> "• " + (a.overdue() ? ":rotating_light: *overdue* " : "") + "*"
                + a.priority() + "* " + SlackText.escape(a.title()) + " — " + link(a.owner()) + ", due " + a.due() + ", <" + baseUrl
                + "/incidents/" + a.incident() + "|#" + a.incident() + ">").collect(Collectors.joining("\n"));
        return ChatReply.of(text, markdown);
    }

    // ---- loose matching ----

    private Entity entity(Catalog catalog, String name) {
        return entity(catalog, name, null);
    }

    /** A bare name shared by several kinds is settled by the one the responsibility applies to. */
    private Entity entityFor(Catalog catalog, String name, Responsibility r) {
        if (!name.contains(":")) {
            List<Entity> same = catalog.entities().stream().filter(e -> e.ref().name().equals(name.toLowerCase(Locale.ROOT)))
                    .filter(r::appliesTo).toList();
            if (same.size() == 1) return same.get(0);
        }
        return entity(catalog, name);
    }

    private Entity entity(Catalog catalog, String name, String defaultKind) {
        try {
            return EntityLookup.find(catalog, name, name.contains(":") ? null : defaultKind);
        } catch (EntityLookup.LookupException e) {
            if (defaultKind != null) {
                try {
                    return EntityLookup.find(catalog, name);
                } catch (EntityLookup.LookupException ignored) {
                    // fall through to the suggestions for the plain name
                }
            }
            List<EntityRef> close = NearestNames.entities(catalog, name.contains(":") ? name.substring(name.indexOf(':') + 1) : name);
            boolean ambiguous = e.getMessage().contains("ambiguous");
            String list = close.stream().map(EntityRef::toString).collect(Collectors.joining(", "));
            String message = ambiguous ? e.getMessage()
                    : "I don't know \"" + name + "\"." + (close.isEmpty() ? "" : " Did you mean " + list + "?");
            throw new Unknown(message, ambiguous ? "*" + SlackText.escape(name) + "* is ambiguous: " + links(close)
                    : "I don't know *" + SlackText.escape(name) + "*." + (close.isEmpty() ? "" : " Did you mean " + links(close) + "?"));
        }
    }

    private Responsibility responsibility(Catalog catalog, String name) {
        Responsibility r = catalog.responsibility(name);
        if (r != null) return r;
        List<String> close = NearestNames.responsibilities(catalog, name);
        String list = String.join(", ", close);
        throw new Unknown("I don't know the responsibility \"" + name + "\"." + (close.isEmpty() ? "" : " Did you mean "
                + list + "?"), "I don't know the responsibility *" + SlackText.escape(name) + "*." + (close.isEmpty() ? ""
                : " Did you mean " + close.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", ")) + "?"));
    }

    // ---- formatting ----

    private String link(EntityRef ref) {
        String path = ref.kind().equals("group") ? "/teams/" + ref.name()
                : "/entities/" + ref.kind() + "/" + ref.namespace() + "/" + ref.name();
        return "<" + baseUrl + path + "|" + ref.name() + ">";
    }

    private String links(List<EntityRef> refs) {
        return refs.stream().map(r -> link(r) + " (" + r.kind() + ")").collect(Collectors.joining(", "));
    }

    private static final class Unknown extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String markdown;

        Unknown(String message, String markdown) {
            super(message, null, false, false);
            this.markdown = markdown;
        }
    }
}
