package dev.steward.http;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;

import dev.steward.chatops.ChatOps;
import dev.steward.chatops.SlackRoutes;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;

/** Chat-ops: Slack's signed slash command, and the same answers as plain text for anything else. */
final class ChatRoutes {
    private final ChatOps chat;
    private final SlackRoutes slack;

    ChatRoutes(AppContext app) {
        this.chat = new ChatOps(app.live(), app.incidents(), app.chat().publicUrl(), app.readiness().live(),
                app.readiness().service(), app.chat().slackDirectory());
        this.slack = new SlackRoutes(app.chat().slackSigningSecret(), chat, app.chat().clock());
    }

    EndpointGroup group() {
        return () -> {
            get("/api/chatops", this::answer);
            post("/slack/commands", slack::command);
        };
    }

    void answer(Context ctx) {
        ctx.contentType("text/plain; charset=utf-8").result(chat.answer(ctx.queryParam("text")).text() + "\n");
    }
}
