package io.operadb.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Closed-loop load over HTTP: {@code clients} threads each send a request, wait for its answer, and send the next,
 * until the operations are done or the time limit is reached. Closed-loop means the figure is the service's
 * throughput at that concurrency, and each latency is one request's round trip as a client sees it.
 * <p>
 * One {@link HttpClient} per client count, shared by every measurement at that count, with a fixed pool of as many
 * threads: the pool is what the client completes its exchanges on, so it must not be the pool of the blocked
 * callers.
 */
final class LoadDriver implements AutoCloseable {

    /** Sees each successful answer, with the {@link System#nanoTime()} at which it arrived. */
    interface AnswerListener {
        void onAnswer(int operation, String body, long arrivedNanos);
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final Map<Integer, PooledClient> clients = new ConcurrentHashMap<>();

    HttpClient client(int concurrency) {
        return clients.computeIfAbsent(concurrency, PooledClient::new).client;
    }

    Measurement run(int concurrency, int operations, Duration limit, IntFunction<HttpRequest> request) {
        return run(concurrency, operations, limit, request, (op, body, at) -> { });
    }

    Measurement run(int concurrency, int operations, Duration limit, IntFunction<HttpRequest> request,
                    AnswerListener listener) {
        HttpClient client = client(concurrency);
        LatencyRecorder latencies = new LatencyRecorder(operations);
        AtomicInteger claimed = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        ExecutorService callers = Executors.newFixedThreadPool(concurrency, daemon("bench-client"));
        for (int c = 0; c < concurrency; c++) {
            callers.execute(() -> {
                int op;
                while (System.nanoTime() < deadline && (op = claimed.getAndIncrement()) < operations) {
                    HttpRequest req = request.apply(op);
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> answer = client.send(req, HttpResponse.BodyHandlers.ofString());
                        long arrived = System.nanoTime();
                        latencies.record(arrived - sent);
                        if (answer.statusCode() / 100 == 2) {
                            listener.onAnswer(op, answer.body(), arrived);
                        } else {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, req.method() + " " + req.uri().getPath() + " -> "
                                    + answer.statusCode() + " " + abbreviate(answer.body()));
                        }
                    } catch (IOException | RuntimeException e) {
                        latencies.record(System.nanoTime() - sent);
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, req.uri().getPath() + " -> " + e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        callers.shutdown();
        awaitQuietly(callers, limit.plus(REQUEST_TIMEOUT));
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Measurement(latencies.count(), errors.get(), seconds, latencies.percentiles(), firstError.get());
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT);
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static void awaitQuietly(ExecutorService pool, Duration timeout) {
        try {
            if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        clients.values().forEach(c -> c.pool.shutdownNow());
        clients.clear();
    }

    private static final class PooledClient {
        final ExecutorService pool;
        final HttpClient client;

        PooledClient(int concurrency) {
            pool = Executors.newFixedThreadPool(concurrency, daemon("bench-http-" + concurrency));
            // HTTP/1.1 outright: the default HTTP/2 would first try an h2c upgrade on every new connection
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
                    .connectTimeout(Duration.ofSeconds(5)).build();
        }
    }
}
