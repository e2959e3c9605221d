package dev.steward.catalog.check;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.Runbooks;
import dev.steward.catalog.load.yaml.FrontMatter;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Problem;
import dev.steward.catalog.model.SourceLocation;
import dev.steward.catalog.model.Values;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Checks each runbook against the commit it came with: its front matter (a reviewed date, an owner
 * and responsibilities that exist), its links to other runbooks and to entities
 * ({@code entity:resource:default/orders}), and whether it was reviewed recently enough. A broken
 * link is an error at its file and line; a runbook not reviewed within the allowed age is a warning.
 */
public final class RunbookChecks {
    static final String ENTITY_LINK = "entity:";
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

    private RunbookChecks() {
    }

    static List<Problem> check(Catalog catalog, LocalDate today, int maxAgeDays) {
        List<Problem> out = new ArrayList<>();
        Runbooks runbooks = catalog.runbooks();
        for (String path : runbooks.paths().stream().sorted().toList()) {
            String file = runbooks.root().isEmpty() ? path : runbooks.root() + "/" + path;
            FrontMatter fm = FrontMatter.parse(file, runbooks.content(path));
            out.addAll(fm.problems());
            frontMatter(catalog, file, fm, today, maxAgeDays, out);
            links(catalog, path, file, fm, out);
        }
        return out;
    }

    private static void frontMatter(Catalog catalog, String file, FrontMatter fm, LocalDate today, int maxAgeDays,
                                    List<Problem> out) {
        Object reviewed = fm.fields().get("reviewed");
        if (reviewed != null) {
            try {
                LocalDate date = LocalDate.parse(String.valueOf(reviewed));
                if (date.plusDays(maxAgeDays).isBefore(today)) {
                    out.add(Problem.warning(new SourceLocation(file, fm.lineOf("reviewed")), "stale runbook: last reviewed "
                            + date + ", more than " + maxAgeDays + " days ago"));
                }
            } catch (DateTimeParseException e) {
                out.add(Problem.error(file, fm.lineOf("reviewed"), "front matter reviewed: '" + reviewed
                        + "' is not a date such as 2026-10-01"));
            }
        }
        String owner = fm.string("owner");
        if (fm.fields().containsKey("owner")) {
            String problem = null;
            try {
                EntityRef ref = EntityRef.parse(String.valueOf(fm.fields().get("owner")), "group", EntityRef.DEFAULT_NAMESPACE);
                if (catalog.entity(ref) == null) problem = ref + " does not exist";
                else if (!ref.kind().equals("group") && !ref.kind().equals("user")) problem = ref + " is not a group or user";
            } catch (EntityRef.RefFormatException e) {
                problem = e.getMessage();
            }
            if (owner == null) problem = "must be a group or user ref";
            if (problem != null) out.add(Problem.error(file, fm.lineOf("owner"), "front matter owner: " + problem));
        }
        for (Object name : Values.list(fm.fields().get("responsibilities"))) {
            if (!(name instanceof String s) || catalog.responsibility(s) == null) {
                out.add(Problem.error(file, fm.lineOf("responsibilities"), "front matter responsibilities: '" + name
                        + "' is not a responsibility of this catalog"));
            }
        }
    }

    private static void links(Catalog catalog, String path, String file, FrontMatter fm, List<Problem> out) {
        Node document = PARSER.parse(fm.body());
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                String problem = problem(catalog, path, link.getDestination());
                if (problem != null) {
                    int line = link.getSourceSpans().isEmpty() ? 0 : link.getSourceSpans().get(0).getLineIndex();
                    out.add(Problem.error(file, fm.bodyLine() + line, "broken link '" + link.getDestination() + "': "
                            + problem));
                }
                visitChildren(link);
            }
        });
    }

    /** Why a link from the runbook at {@code path} is broken, or null. */
    static String problem(Catalog catalog, String path, String destination) {
        if (destination == null || destination.isBlank() || destination.startsWith("#")) return null;
        if (destination.startsWith(ENTITY_LINK)) {
            try {
                EntityRef ref = EntityRef.parse(destination.substring(ENTITY_LINK.length()));
                return catalog.entity(ref) == null ? "no entity " + ref : null;
            } catch (EntityRef.RefFormatException e) {
                return e.getMessage();
            }
        }
        if (SCHEME.matcher(destination).find() || destination.startsWith("//")) return null;
        String target = destination.replaceFirst("[#?].*$", "");
        if (target.isEmpty()) return null;
        String base = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
        String resolved = Runbooks.normalize(target.startsWith("/") ? target.substring(1) : base + target);
        if (resolved == null) return "it leaves the runbooks root";
        if (!resolved.endsWith(".md")) return null;
        return catalog.runbooks().exists(resolved) ? null : "no runbook " + resolved;
    }
}
