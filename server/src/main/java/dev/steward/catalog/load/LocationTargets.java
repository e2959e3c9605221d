package dev.steward.catalog.load;

import dev.steward.catalog.check.Findings;
import dev.steward.catalog.model.RepoFiles;
import dev.steward.catalog.model.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files a Backstage {@code Location} entity includes: {@code spec.target} and {@code spec.targets},
 * relative to the Location's own file and read from the same commit. Steward already reads every
 * manifest under the catalog folder; targets outside it are followed too. URLs are not fetched: the
 * catalog is what the commit holds.
 */
public final class LocationTargets {
    private LocationTargets() {
    }

    /** The repository paths the Location includes; missing ones are reported at their line. */
    static List<String> of(EntityReader.Read read, RepoFiles repo, Findings findings, Map<String, String> dependencies) {
        Map<String, Object> spec = Values.map(read.entity().document().get("spec"));
        List<String> out = new ArrayList<>();
        Object target = spec.get("target");
        if (target instanceof String t) add(read, "spec.target", t, repo, findings, dependencies, out);
        Object targets = spec.get("targets");
        if (targets instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof String t) add(read, "spec.targets[" + i + "]", t, repo, findings, dependencies, out);
            }
        }
        return List.copyOf(out);
    }

    private static void add(EntityReader.Read read, String field, String target, RepoFiles repo, Findings findings,
                            Map<String, String> dependencies, List<String> out) {
        if (Placeholders.isUrl(target)) {
            findings.warning(read.at(field), field + ": " + target
                    + " is a URL; Steward reads only the commit and does not follow it");
            return;
        }
        String path = Placeholders.resolvePath(read.path(), target);
        if (path == null) {
            findings.error(read.at(field), field + ": '" + target + "' leaves the repository");
            return;
        }
        if (path.contains("*")) {
            findings.warning(read.at(field), field + ": glob '" + target + "' is not followed; "
                    + "every manifest under the catalog folder is read anyway");
            return;
        }
        String id = repo.id(path);
        dependencies.put(path, String.valueOf(id));
        if (id == null) {
            findings.error(read.at(field), field + ": '" + target + "': no file " + path + " at this commit");
            return;
        }
        if (!(path.endsWith(".yaml") || path.endsWith(".yml"))) {
            findings.error(read.at(field), field + ": '" + target + "' is not a YAML file");
            return;
        }
        out.add(path);
    }
}
