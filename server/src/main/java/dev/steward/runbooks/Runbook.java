package dev.steward.runbooks;

import dev.steward.catalog.Runbooks;
import dev.steward.catalog.load.yaml.FrontMatter;
import dev.steward.catalog.model.Values;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A runbook as the API answers it: its path, the metadata of its front matter, whether it is stale,
 * and its sanitised HTML.
 */
public record Runbook(String path, String title, String owner, List<String> responsibilities, String reviewed,
                      boolean stale, String html) {

    /** The runbook at a user-given path, or null when there is none; paths never leave the root. */
    public static Runbook load(Runbooks runbooks, String requested, LocalDate today, int maxAgeDays) {
        String path = Runbooks.normalize(requested);
        if (path == null || !runbooks.exists(path)) return null;
        FrontMatter fm = FrontMatter.parse(path, runbooks.content(path));
        String reviewed = fm.fields().get("reviewed") == null ? null : String.valueOf(fm.fields().get("reviewed"));
        boolean stale = reviewed == null;
        if (reviewed != null) {
            try {
                stale = LocalDate.parse(reviewed).plusDays(maxAgeDays).isBefore(today);
            } catch (DateTimeParseException e) {
                stale = true;
            }
        }
        String title = fm.string("title") != null ? fm.string("title") : firstHeading(fm.body(), path);
        return new Runbook(path, title, fm.string("owner"), Values.strings(fm.fields().get("responsibilities")),
                reviewed, stale, RunbookRenderer.render(path, fm.body()));
    }

    private static String firstHeading(String body, String path) {
        return body.lines().filter(l -> l.startsWith("# ")).map(l -> l.substring(2).trim()).findFirst().orElse(path);
    }
}
