package dev.steward.testing;

/** Small builders for manifest documents, so fixture catalogs in tests read like the real thing. */
public final class Yaml {
    private Yaml() {
    }

    public static String doc(String kind, String name, String spec) {
        String apiVersion = kind.equals("Responsibility") || kind.equals("OwnershipPolicy")
                || kind.equals("ReadinessChecklist")
                ? "steward.dev/v1alpha1" : "backstage.io/v1alpha1";
        return "---\napiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata:\n  name: " + name + "\nspec:\n"
                + indent(spec) + "\n";
    }

    public static String group(String name, String spec) {
        return doc("Group", name, "type: team\n" + (spec.contains("children:") ? "" : "children: []\n") + spec);
    }

    public static String user(String name, String... groups) {
        return doc("User", name, "memberOf: [" + String.join(", ", groups) + "]");
    }

    public static String domain(String name, String spec) {
        return doc("Domain", name, spec);
    }

    public static String system(String name, String spec) {
        return doc("System", name, spec);
    }

    public static String resource(String name, String spec) {
        return doc("Resource", name, spec);
    }

    public static String component(String name, String spec) {
        return doc("Component", name, "lifecycle: production\n" + spec);
    }

    public static String api(String name, String spec) {
        return doc("API", name, "lifecycle: production\ndefinition: '{}'\n" + spec);
    }

    public static String responsibility(String name, String spec) {
        return doc("Responsibility", name, spec);
    }

    public static String policy(String name, String spec) {
        return doc("OwnershipPolicy", name, spec);
    }

    public static String checklist(String name, String spec) {
        return doc("ReadinessChecklist", name, spec);
    }

    private static String indent(String text) {
        return "  " + text.strip().replace("\n", "\n  ");
    }
}
