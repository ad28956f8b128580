package org.openjobspec.ee.it.clientprobe;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjobspec.ee.EnqueueOptions;
import org.openjobspec.ee.EventSubscription;
import org.openjobspec.ee.OjsClient;

/**
 * Reports the threads on which {@code @Inject OjsClient} ran an {@code enqueueAsync} call and a queue subscription's
 * listener: both should be the container's managed threads. Jobs go to queue {@code client-probe}, which no worker
 * serves.
 */
@Path("client-threads")
@RequestScoped
public class ClientThreadsResource {

    static final String QUEUE = "client-probe";

    @Inject
    OjsClient client;

    @Inject
    CallThreads calls;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject threads() throws Exception {
        EnqueueOptions options = EnqueueOptions.defaults().queue(QUEUE);
        calls.clear();
        client.enqueueAsync("client.probe", null, options).toCompletableFuture().get(60, TimeUnit.SECONDS);
        String call = calls.next();

        BlockingQueue<String> listeners = new LinkedBlockingQueue<>();
        EventSubscription subscription = client.subscribeQueue(QUEUE,
                event -> listeners.add(Thread.currentThread().getName()));
        String listener = null;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (listener == null && System.nanoTime() < deadline) {
                // the stream may still be connecting: enqueue until an event arrives
                client.enqueue("client.probe", null, options);
                listener = listeners.poll(300, TimeUnit.MILLISECONDS);
            }
        } finally {
            subscription.close();
        }
        return Json.createObjectBuilder()
                .add("requestThread", Thread.currentThread().getName())
                .add("asyncCall", String.valueOf(call))
                .add("listener", String.valueOf(listener))
                .build();
    }
}
