package org.openjobspec.ee.rest;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.Response;
import java.io.Closeable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.openjobspec.ee.error.OjsErrors;
import org.openjobspec.ee.error.OjsException;
import org.openjobspec.ee.model.FetchResponse;

/**
 * Builds OJS typed REST clients with {@link RestClientBuilder} (programmatically, so every runtime
 * behaves the same) and wraps them so that:
 * <ul>
 *   <li>every failure surfaces as an {@link OjsException} (error answers through
 *       {@link OjsResponseExceptionMapper}; connection failures, timeouts and unreadable answers through
 *       {@link OjsErrors#translate});</li>
 *   <li>an empty answer where a model record was expected is a malformed-response error, except for
 *       {@link OjsWorkerApi#fetch}, where {@code 204} means {@link FetchResponse#EMPTY}.</li>
 * </ul>
 * The returned object also implements {@link Closeable}; closing it releases the underlying client.
 *
 * <p>Each client reads and writes its messages with one {@link Jsonb} of its own (the JSON-B defaults, as the REST
 * client would use), closed with the client: per client rather than static, so nothing outlives an application
 * even when this jar sits in a server's shared library.
 */
public final class OjsRestClients {

    /** MicroProfile Rest Client property that switches the default WebApplicationException mapper off. */
    private static final String DISABLE_DEFAULT_MAPPER = "microprofile.rest.client.disable.default.mapper";

    private OjsRestClients() {
    }

    /** Builds a client for {@code api} against {@code config.baseUri()}. */
    public static <T> T create(Class<T> api, OjsRestConfig config) {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(config.baseUri(), "config.baseUri");
        Jsonb jsonb = JsonbBuilder.create();
        RestClientBuilder builder = RestClientBuilder.newBuilder()
                .baseUri(stripTrailingSlash(config.baseUri()))
                .register(new OjsHeadersFilter(config.authToken(), config.headers()))
                .register(new OjsResponseExceptionMapper())
                .register(new OjsJsonGuard())
                .register(new OjsJsonbResolver(jsonb))
                .property(DISABLE_DEFAULT_MAPPER, Boolean.TRUE);
        if (config.connectTimeout() != null) {
            builder.connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (config.readTimeout() != null) {
            builder.readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (config.sslContext() != null) {
            builder.sslContext(config.sslContext());
        }
        if (config.trustStore() != null) {
            builder.trustStore(config.trustStore());
        }
        if (config.keyStore() != null) {
            builder.keyStore(config.keyStore(), config.keyStorePassword() == null ? "" : new String(config.keyStorePassword()));
        }
        if (config.hostnameVerifier() != null) {
            builder.hostnameVerifier(config.hostnameVerifier());
        }
        T delegate;
        try {
            delegate = builder.build(api);
        } catch (RuntimeException e) {
            closeQuietly(jsonb);
            throw OjsErrors.translate(e);
        }
        return wrap(api, delegate, jsonb);
    }

    private static <T> T wrap(Class<T> api, T delegate, Jsonb jsonb) {
        InvocationHandler handler = new Translating(delegate, jsonb);
        Object proxy = Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api, Closeable.class}, handler);
        return api.cast(proxy);
    }

    private static URI stripTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }

    private static void closeQuietly(Jsonb jsonb) {
        try {
            jsonb.close();
        } catch (Exception ignored) {
            // nothing is lost: a Jsonb holds caches, no connections
        }
    }

    private static final class Translating implements InvocationHandler {
        private final Object delegate;
        private final Jsonb jsonb;

        Translating(Object delegate, Jsonb jsonb) {
            this.delegate = delegate;
            this.jsonb = jsonb;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "OjsRestClient[" + delegate + "]";
                    default -> method.invoke(delegate, args);
                };
            }
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                try {
                    if (delegate instanceof AutoCloseable closeable) {
                        closeable.close();
                    }
                } finally {
                    closeQuietly(jsonb);
                }
                return null;
            }
            Object result;
            try {
                result = method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw OjsErrors.translate(e.getCause() == null ? e : e.getCause());
            } catch (RuntimeException e) {
                throw OjsErrors.translate(e);
            }
            if (result == null && method.getReturnType() == FetchResponse.class) {
                return FetchResponse.EMPTY;
            }
            if (result == null && expectsBody(method)) {
                throw OjsErrors.malformed("empty answer to " + method.getName() + "()", null);
            }
            return result;
        }

        private static boolean expectsBody(Method method) {
            Class<?> type = method.getReturnType();
            return type != void.class && type != Void.class && type != Response.class && !type.isInterface()
                    && type.getPackageName().equals("org.openjobspec.ee.model");
        }
    }
}
