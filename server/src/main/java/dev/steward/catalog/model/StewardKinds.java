package dev.steward.catalog.model;


/** Steward's own kinds and their apiVersion, as entity kinds are held: in lower case. */
public final class StewardKinds {
    public static final String API_VERSION = "steward.dev/v1alpha1";
    public static final String RESPONSIBILITY = "responsibility";
    public static final String OWNERSHIP_POLICY = "ownershippolicy";
    public static final String READINESS_CHECKLIST = "readinesschecklist";

    private StewardKinds() {
    }
}
