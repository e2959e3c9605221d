package dev.steward.chatops;

/** Who is asking in chat: a Slack user id and name, or {@link #NONE} over plain HTTP. */
public record ChatUser(String slackId, String slackName) {
    public static final ChatUser NONE = new ChatUser(null, null);

    public boolean isKnown() {
        return slackId != null && !slackId.isBlank();
    }
}
