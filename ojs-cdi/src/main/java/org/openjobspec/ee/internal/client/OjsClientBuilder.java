package org.openjobspec.ee.internal.client;

import org.openjobspec.ee.client.ClientSettings;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import org.openjobspec.ee.EnqueueInterceptor;
import org.openjobspec.ee.OjsClient;

/** The plain-Java builder behind {@link OjsClient#builder()}. */
public final class OjsClientBuilder implements OjsClient.Builder {

    // settings(...) is the base; each explicit setter is kept as an override applied on top of it at build()
    private ClientSettings base;
    private final List<Consumer<ClientSettings.Builder>> overrides = new ArrayList<>();
    private final List<EnqueueInterceptor> interceptors = new ArrayList<>();
    private Executor executor;

    @Override
    public OjsClient.Builder url(String url) {
        return override(b -> b.url(url));
    }

    @Override
    public OjsClient.Builder url(URI url) {
        return override(b -> b.url(url));
    }

    @Override
    public OjsClient.Builder authToken(String token) {
        return override(b -> b.authToken(token));
    }

    @Override
    public OjsClient.Builder connectTimeout(Duration timeout) {
        return override(b -> b.connectTimeout(timeout));
    }

    @Override
    public OjsClient.Builder readTimeout(Duration timeout) {
        return override(b -> b.readTimeout(timeout));
    }

    @Override
    public OjsClient.Builder header(String name, String value) {
        return override(b -> b.header(name, value));
    }

    @Override
    public OjsClient.Builder trustStore(KeyStore trustStore) {
        return override(b -> b.trustStore(trustStore));
    }

    @Override
    public OjsClient.Builder keyStore(KeyStore keyStore, char[] password) {
        char[] copy = password == null ? null : password.clone();  // the caller may wipe theirs before build()
        return override(b -> b.keyStore(keyStore, copy));
    }

    @Override
    public OjsClient.Builder sslContext(SSLContext context) {
        return override(b -> b.sslContext(context));
    }

    @Override
    public OjsClient.Builder hostnameVerifier(HostnameVerifier verifier) {
        return override(b -> b.hostnameVerifier(verifier));
    }

    @Override
    public OjsClient.Builder retryEnabled(boolean enabled) {
        return override(b -> b.retryEnabled(enabled));
    }

    @Override
    public OjsClient.Builder retryMaxAttempts(int attempts) {
        return override(b -> b.retryMaxAttempts(attempts));
    }

    @Override
    public OjsClient.Builder retryMaxDuration(Duration duration) {
        return override(b -> b.retryMaxDuration(duration));
    }

    @Override
    public OjsClient.Builder retryInitialBackoff(Duration backoff) {
        return override(b -> b.retryInitialBackoff(backoff));
    }

    @Override
    public OjsClient.Builder retryMaxBackoff(Duration backoff) {
        return override(b -> b.retryMaxBackoff(backoff));
    }

    @Override
    public OjsClient.Builder batchMaxBytes(int bytes) {
        return override(b -> b.batchMaxBytes(bytes));
    }

    @Override
    public OjsClient.Builder settings(ClientSettings value) {
        this.base = Objects.requireNonNull(value, "settings");
        return this;
    }

    private OjsClient.Builder override(Consumer<ClientSettings.Builder> value) {
        overrides.add(value);
        return this;
    }

    @Override
    public OjsClient.Builder interceptor(EnqueueInterceptor interceptor) {
        interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
        return this;
    }

    @Override
    public OjsClient.Builder executor(Executor value) {
        this.executor = Objects.requireNonNull(value, "executor");
        return this;
    }

    @Override
    public OjsClient build() {
        ClientSettings.Builder settings = base != null ? base.toBuilder() : ClientSettings.builder();
        overrides.forEach(o -> o.accept(settings));
        ClientSettings resolved = settings.build();
        return executor != null ? new DefaultOjsClient(resolved, interceptors, executor)
                : DefaultOjsClient.onOwnPool(resolved, interceptors);
    }
}
