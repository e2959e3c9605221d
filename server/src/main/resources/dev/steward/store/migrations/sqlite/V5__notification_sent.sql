-- Notifier events already sent, one row per event key (such as an action item going overdue). A
-- replica claims an event by inserting its key and sends it only if its insert took the row, so each
-- event goes out once across replicas and restarts.
CREATE TABLE notification_sent (
    event_key TEXT NOT NULL PRIMARY KEY,
    sent_at   TEXT NOT NULL
);
