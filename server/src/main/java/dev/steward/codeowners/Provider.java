package dev.steward.codeowners;

import java.util.Locale;

/** Where the CODEOWNERS file is for, and which annotations give each party its handle there. */
public enum Provider {
    GITHUB("github.com/team-slug", "github.com/user-login", ".github/CODEOWNERS"),
    GITLAB("gitlab.com/group-path", "gitlab.com/user-login", ".gitlab/CODEOWNERS");

    private final String groupAnnotation;
    private final String userAnnotation;
    private final String defaultPath;

    Provider(String groupAnnotation, String userAnnotation, String defaultPath) {
        this.groupAnnotation = groupAnnotation;
        this.userAnnotation = userAnnotation;
        this.defaultPath = defaultPath;
    }

    public String groupAnnotation() {
        return groupAnnotation;
    }

    public String userAnnotation() {
        return userAnnotation;
    }

    public String defaultPath() {
        return defaultPath;
    }

    public static Provider parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown provider '" + text + "'; use github or gitlab");
        }
    }
}
