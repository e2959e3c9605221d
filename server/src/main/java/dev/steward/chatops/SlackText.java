package dev.steward.chatops;

import dev.steward.catalog.model.EntityRef;
import java.util.List;
import java.util.stream.Collectors;

/** Text for Slack's mrkdwn: escaped as Slack asks, so nothing from a manifest or a user can act as markup. */
final class SlackText {
    private SlackText() {
    }

    /**
     * A Slack link: {@code <url|title>}, with both escaped as Slack asks (a {@code >} or {@code |} in a
     * title would otherwise end the link and let a manifest inject mentions such as {@code <!channel>}).
     */
    static String link(String url, String title) {
        String target = escape(url).replace("|", "%7C");
        return "<" + target + "|" + escape(title == null ? url : title) + ">";
    }

    /** Escapes Slack's control characters in text that came from users or manifests. */
    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** People by name, or "no members". */
    static String names(List<EntityRef> refs) {
        return refs.isEmpty() ? "no members" : refs.stream().map(EntityRef::name).collect(Collectors.joining(", "));
    }
}
