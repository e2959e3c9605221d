package dev.steward.chatops;

import java.util.List;

/**
 * An answer to a chat command: plain text for {@code /api/chatops}, and the same as Slack
 * {@code mrkdwn} sections with links into the UI.
 */
public record ChatReply(String text, List<String> sections) {
    static ChatReply of(String text, String... sections) {
        return new ChatReply(text, List.of(sections));
    }
}
