package dev.steward.runbooks;

import dev.steward.catalog.Runbooks;
import dev.steward.catalog.model.EntityRef;
import java.util.List;
import java.util.Map;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Renders a runbook's Markdown to HTML with commonmark (tables, heading anchors, fenced code,
 * autolinks), points links at the UI (other runbooks, {@code entity:} refs), then sanitises the
 * result with jsoup: no script, event handler, {@code javascript:} or {@code data:} URL survives,
 * whatever the Markdown holds.
 */
public final class RunbookRenderer {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), StrikethroughExtension.create(),
            HeadingAnchorExtension.create(), AutolinkExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    /** Where relative links are resolved while cleaning; never appears in the output. */
    private static final String BASE = "https://steward.invalid/runbooks/";

    private RunbookRenderer() {
    }

    /** Safe HTML for the Markdown {@code body} of the runbook at {@code path}. */
    public static String render(String path, String body) {
        Node document = PARSER.parse(body);
        HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).sanitizeUrls(true)
                .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto", "entity")))
                .attributeProviderFactory(context -> new LinkTargets(path)).build();
        return sanitize(renderer.render(document));
    }

    /** The jsoup pass: an allow-list of tags, attributes and URL protocols. */
    public static String sanitize(String html) {
        Safelist safelist = Safelist.relaxed()
                .addTags("del", "s", "details", "summary", "hr")
                .addAttributes("h1", "id").addAttributes("h2", "id").addAttributes("h3", "id")
                .addAttributes("h4", "id").addAttributes("h5", "id").addAttributes("h6", "id")
                .addAttributes("code", "class").addAttributes("th", "align").addAttributes("td", "align")
                .removeProtocols("img", "src", "http")
                .addProtocols("a", "href", "#")
                .preserveRelativeLinks(true);
        Document.OutputSettings settings = new Document.OutputSettings().prettyPrint(false);
        return Jsoup.clean(html, BASE, safelist, settings);
    }

    /** Runbook links go to the runbook page; {@code entity:} links to the entity's page. */
    private static final class LinkTargets implements AttributeProvider {
        private final String path;

        LinkTargets(String path) {
            this.path = path;
        }

        @Override
        public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
            if (!(node instanceof Link) || !attributes.containsKey("href")) return;
            String href = attributes.get("href");
            if (href.startsWith("entity:")) {
                try {
                    EntityRef ref = EntityRef.parse(href.substring("entity:".length()));
                    attributes.put("href", "/entities/" + ref.kind() + "/" + ref.namespace() + "/" + ref.name());
                } catch (EntityRef.RefFormatException e) {
                    attributes.put("href", "#");
                }
            } else if (!href.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !href.startsWith("#") && !href.startsWith("/")) {
                String anchor = href.contains("#") ? href.substring(href.indexOf('#')) : "";
                String target = href.replaceFirst("[#?].*$", "");
                String base = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
                String resolved = Runbooks.normalize(base + target);
                attributes.put("href", resolved == null ? "#" : "/runbooks/" + resolved + anchor);
            }
        }
    }
}
