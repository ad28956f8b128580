package org.openjobspec.ee.jta.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjobspec.ee.OjsClient;
import org.openjobspec.ee.error.OjsDuplicateException;

/** Wraps a real client and counts the relay's send calls: jobs created, calls answered duplicate, other failures. */
public final class CountingClient {

    public final AtomicInteger calls = new AtomicInteger();
    public final AtomicInteger failures = new AtomicInteger();
    public final AtomicInteger duplicates = new AtomicInteger();
    public final AtomicInteger jobsSent = new AtomicInteger();
    public final OjsClient client;

    public CountingClient(OjsClient real) {
        client = (OjsClient) Proxy.newProxyInstance(OjsClient.class.getClassLoader(), new Class<?>[] {OjsClient.class},
                (proxy, method, args) -> {
                    boolean send = method.getName().startsWith("enqueue");
                    if (send) {
                        calls.incrementAndGet();
                    }
                    try {
                        Object result = method.invoke(real, args);
                        if (send) {
                            jobsSent.addAndGet(result instanceof java.util.List<?> list ? list.size() : 1);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        if (send) {
                            (e.getCause() instanceof OjsDuplicateException ? duplicates : failures).incrementAndGet();
                        }
                        throw e.getCause();
                    }
                });
    }
}
