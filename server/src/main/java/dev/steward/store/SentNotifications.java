package dev.steward.store;

import java.time.Clock;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The notifier events already sent, kept in the store so that every replica, and the server after a
 * restart, knows them: whichever caller first claims an event's key is the one that sends it.
 */
public final class SentNotifications {
    private final Database db;
    private final Clock clock;

    public SentNotifications(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Records the event as sent; true for the one call, across replicas and restarts, whose insert took
     * the row, and only that caller sends the event. Claiming comes before sending, so a replica dying
     * in between loses the event rather than two replicas sending it.
     */
    public boolean claim(String eventKey) {
        // Most looks find the event sent long ago: a read then spares a write transaction per event.
        if (db.read(h -> h.attach(Dao.class).count(eventKey)) > 0) return false;
        String sentAt = clock.instant().toString();
        return db.write(h -> h.attach(Dao.class).insertIfAbsent(eventKey, sentAt)) == 1;
    }

    /** The SQL; ON CONFLICT DO NOTHING is the same on SQLite and PostgreSQL. */
    interface Dao {
        @SqlQuery("SELECT count(*) FROM notification_sent WHERE event_key = :key")
        int count(@Bind("key") String eventKey);

        @SqlUpdate("INSERT INTO notification_sent (event_key, sent_at) VALUES (:key, :at) ON CONFLICT DO NOTHING")
        int insertIfAbsent(@Bind("key") String eventKey, @Bind("at") String sentAt);
    }
}
