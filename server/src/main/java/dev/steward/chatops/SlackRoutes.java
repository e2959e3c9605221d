package dev.steward.chatops;

import dev.steward.webhooks.Hmac;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /slack/commands}: a Slack slash command. The request is verified as Slack's
 * "Verifying requests from Slack" says — {@code v0=} HMAC-SHA256 of {@code v0:timestamp:body} with
 * the signing secret, compared in constant time, refused when over five minutes old — and answered
 * in Block Kit, ephemeral unless the command ends with {@code public}.
 */
public final class SlackRoutes {
    static final long MAX_AGE_SECONDS = 300;

    private final String signingSecret;
    private final ChatOps chat;
    private final Clock clock;

    public SlackRoutes(String signingSecret, ChatOps chat, Clock clock) {
        this.signingSecret = signingSecret;
        this.chat = chat;
        this.clock = clock;
    }

    /** Whether a request with this timestamp, body and signature comes from Slack, now. */
    public boolean verify(String timestamp, byte[] body, String signature) {
        if (signingSecret == null || signingSecret.isEmpty() || timestamp == null || signature == null) return false;
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(clock.instant().getEpochSecond() - ts) > MAX_AGE_SECONDS) return false;
        byte[] prefix = ("v0:" + ts + ":").getBytes(StandardCharsets.UTF_8);
        byte[] base = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, base, 0, prefix.length);
        System.arraycopy(body, 0, base, prefix.length, body.length);
        return Hmac.verify(signingSecret, base, "v0=", signature);
    }

    public void command(Context ctx) {
        if (signingSecret == null || signingSecret.isEmpty()) {
            ctx.status(403).json(Map.of("status", 403, "error", "Forbidden",
                    "message", "Slack commands are off: set STEWARD_SLACK_SIGNING_SECRET"));
            return;
        }
        byte[] body = ctx.bodyAsBytes();
        if (!verify(ctx.header("X-Slack-Request-Timestamp"), body, ctx.header("X-Slack-Signature"))) {
            ctx.status(401).json(Map.of("status", 401, "error", "Unauthorized",
                    "message", "X-Slack-Signature does not match, or the request is more than five minutes old"));
            return;
        }
        String text = ctx.formParam("text");
        boolean visible = text != null && text.trim().endsWith(" public");
        if (visible) text = text.trim().substring(0, text.trim().length() - " public".length());
        ChatReply reply = chat.answer(text, new ChatUser(ctx.formParam("user_id"), ctx.formParam("user_name")));
        ctx.json(blockKit(reply, visible));
    }

    static Map<String, Object> blockKit(ChatReply reply, boolean visible) {
        List<Map<String, Object>> blocks = new ArrayList<>();
        for (String section : reply.sections()) {
            blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn",
                    "text", section.length() > 2900 ? section.substring(0, 2900) + "…" : section)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("response_type", visible ? "in_channel" : "ephemeral");
        out.put("text", reply.text());
        out.put("blocks", blocks);
        return out;
    }
}
