package dev.steward.plugin.webhook;

import dev.steward.plugin.Event;
import dev.steward.plugin.Notifier;
import dev.steward.plugin.PluginContext;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * POSTs every event as JSON to a URL, signed with HMAC-SHA256 when a secret is set, retrying
 * connection errors, timeouts, 429 and 5xx with exponential backoff.
 *
 * <p>{@link #notify} only enqueues: one daemon thread delivers, in order, from a bounded queue; when
 * the queue is full the oldest waiting event is dropped (and logged), so the caller never waits.
 */
public final class WebhookNotifier implements Notifier, AutoCloseable {

    /** The plugin's name, and the prefix of its settings. */
    public static final String NAME = "webhook-notifier";
    static final int DEFAULT_CAPACITY = 1_000;
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    private static final double JITTER = 0.1;

    private static final System.Logger LOG = System.getLogger(WebhookNotifier.class.getName());

    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Clock clock;
    private final BlockingDeque<Delivery> queue;
    private final AtomicBoolean saidInactive = new AtomicBoolean();
    private final Object lock = new Object();
    private int pending; // enqueued and not yet finished; guarded by lock
    private volatile WebhookSettings settings;
    private volatile HttpClient client;
    private volatile boolean closed;
    private Thread worker; // guarded by lock

    /** The notifier ServiceLoader creates. */
    public WebhookNotifier() {
        this(Sleeper.REAL, RandomGenerator.getDefault(), Clock.systemUTC(), DEFAULT_CAPACITY);
    }

    /** For tests: waits through {@code sleeper}, jitter from {@code random}, a queue of {@code capacity}. */
    WebhookNotifier(Sleeper sleeper, RandomGenerator random, Clock clock, int capacity) {
        this.sleeper = sleeper;
        this.random = random;
        this.clock = clock;
        this.queue = new LinkedBlockingDeque<>(capacity);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void configure(PluginContext context) {
        Optional<WebhookSettings> read = WebhookSettings.from(context);
        if (read.isEmpty()) {
            sayInactive();
            return;
        }
        WebhookSettings s = read.get();
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(s.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        settings = s;
        LOG.log(Level.INFO, "{0}: sending {1} to {2}{3}", NAME,
                s.events().isEmpty() ? "all events" : "events " + s.events(), s.url(),
                s.secret() == null ? ", unsigned" : ", signed");
    }

    @Override
    public void notify(Event event) {
        WebhookSettings s = settings;
        if (s == null) {
            sayInactive();
            return;
        }
        if (closed || !s.sends(event.type())) {
            return;
        }
        Delivery delivery = new Delivery(event, UUID.randomUUID().toString());
        synchronized (lock) {
            pending++;
            startWorker();
        }
        while (!queue.offerLast(delivery)) {
            Delivery dropped = queue.pollFirst();
            if (dropped != null) {
                finished();
                LOG.log(Level.WARNING, "{0}: queue full, dropped event {1} {2}", NAME, dropped.event().type(),
                        dropped.id());
            }
        }
    }

    /**
     * Waits until every event enqueued so far has been delivered or given up on.
     *
     * @return true if that happened within {@code timeout}
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Stops accepting events, gives the queue a few seconds to drain, then stops the worker. */
    @Override
    public void close() {
        closed = true;
        boolean drained;
        int left;
        try {
            drained = flush(CLOSE_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        Thread w;
        synchronized (lock) {
            w = worker;
        }
        if (w != null) {
            w.interrupt();
            try {
                w.join(CLOSE_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            left = pending;
        }
        if (!drained) {
            LOG.log(Level.WARNING, "{0}: closed with {1} event(s) not delivered", NAME, left);
        }
    }

    private void sayInactive() {
        if (saidInactive.compareAndSet(false, true)) {
            LOG.log(Level.DEBUG, "{0}: no url set (steward.plugin.{0}.url); events are not sent", NAME);
        }
    }

    private void startWorker() {
        if (worker == null) {
            worker = new Thread(this::run, "steward-" + NAME);
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void finished() {
        synchronized (lock) {
            pending--;
            lock.notifyAll();
        }
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            Delivery delivery;
            try {
                delivery = queue.takeFirst();
            } catch (InterruptedException e) {
                return;
            }
            try {
                deliver(delivery);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, NAME + ": cannot deliver event " + delivery.id(), e);
            } finally {
                finished();
            }
        }
    }

    /** Sends one event, retrying as the settings say; gives up (and logs) when they are exhausted. */
    void deliver(Delivery delivery) throws InterruptedException {
        WebhookSettings s = settings;
        byte[] body = Payload.body(delivery.event(), delivery.id());
        HttpRequest.Builder request = HttpRequest.newBuilder(s.url())
                .timeout(s.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Steward-" + NAME)
                .header("X-Steward-Event", String.valueOf(delivery.event().type()))
                .header("X-Steward-Delivery", delivery.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (s.secret() != null) {
            request.header("X-Steward-Signature-256", Payload.signature(s.secret(), body));
        }
        HttpRequest built = request.build();
        for (int attempt = 0; ; attempt++) {
            Duration wait;
            String failure;
            try {
                HttpResponse<Void> response = client.send(built, HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return;
                }
                failure = "HTTP " + status;
                if (status != 429 && status < 500) {
                    LOG.log(Level.WARNING, "{0}: event {1} {2} refused with {3}; not retried", NAME,
                            delivery.event().type(), delivery.id(), failure);
                    return;
                }
                wait = retryAfter(response).orElse(null);
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                wait = null;
            }
            if (attempt >= s.retries()) {
                LOG.log(Level.WARNING, "{0}: gave up on event {1} {2} after {3} attempt(s); last: {4}", NAME,
                        delivery.event().type(), delivery.id(), attempt + 1, failure);
                return;
            }
            if (wait == null) {
                wait = backoff(s.backoff(), attempt);
            }
            LOG.log(Level.DEBUG, "{0}: event {1} failed ({2}); retrying in {3} ms", NAME, delivery.id(), failure,
                    wait.toMillis());
            sleeper.sleep(wait);
        }
    }

    /** The wait before retry {@code retry} (0 for the first): doubling, capped, up to 10% less at random. */
    Duration backoff(Duration initial, int retry) {
        long millis = initial.toMillis();
        for (int i = 0; i < retry && millis < MAX_WAIT.toMillis(); i++) {
            millis *= 2;
        }
        millis = Math.min(millis, MAX_WAIT.toMillis());
        long jitter = (long) (millis * JITTER * random.nextDouble());
        return Duration.ofMillis(millis - jitter);
    }

    /** The server's Retry-After, in seconds or as an HTTP date, capped at 30 s; empty if absent or unreadable. */
    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::trim);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(header.get()));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                wait = Duration.between(clock.instant(), at.toInstant());
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
        if (wait.isNegative()) {
            return Optional.of(Duration.ZERO);
        }
        return Optional.of(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
    }

    /** One event to send; the id is its {@code X-Steward-Delivery}, the same on every attempt. */
    record Delivery(Event event, String id) {
    }
}
