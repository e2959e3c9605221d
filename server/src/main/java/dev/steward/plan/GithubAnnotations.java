package dev.steward.plan;

/**
 * GitHub Actions workflow commands ({@code ::error file=…,line=…::message}), escaped as GitHub's
 * own toolkit escapes them, so messages with colons, commas or newlines survive.
 */
public final class GithubAnnotations {
    private GithubAnnotations() {
    }

    public static String annotation(String level, String file, int line, String title, String message) {
        return "::" + level + " file=" + property(file) + ",line=" + line + ",title=" + property(title) + "::"
                + data(message);
    }

    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
