package org.openjobspec.ee.client;

import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import org.openjobspec.ee.EnqueueInterceptor;
import org.openjobspec.ee.OjsClient;

/** The plain-Java builder behind {@link OjsClient#builder()}. */
public final class OjsClientBuilder implements OjsClient.Builder {

    private final ClientSettings.Builder settings = ClientSettings.builder();
    private ClientSettings fixed;
    private final List<EnqueueInterceptor> interceptors = new ArrayList<>();
    private Executor executor;

    @Override
    public OjsClient.Builder url(String url) {
        settings.url(url);
        return this;
    }

    @Override
    public OjsClient.Builder url(URI url) {
        settings.url(url);
        return this;
    }

    @Override
    public OjsClient.Builder authToken(String token) {
        settings.authToken(token);
        return this;
    }

    @Override
    public OjsClient.Builder connectTimeout(Duration timeout) {
        settings.connectTimeout(timeout);
        return this;
    }

    @Override
    public OjsClient.Builder readTimeout(Duration timeout) {
        settings.readTimeout(timeout);
        return this;
    }

    @Override
    public OjsClient.Builder header(String name, String value) {
        settings.header(name, value);
        return this;
    }

    @Override
    public OjsClient.Builder trustStore(KeyStore trustStore) {
        settings.trustStore(trustStore);
        return this;
    }

    @Override
    public OjsClient.Builder keyStore(KeyStore keyStore, char[] password) {
        settings.keyStore(keyStore, password);
        return this;
    }

    @Override
    public OjsClient.Builder sslContext(SSLContext context) {
        settings.sslContext(context);
        return this;
    }

    @Override
    public OjsClient.Builder hostnameVerifier(HostnameVerifier verifier) {
        settings.hostnameVerifier(verifier);
        return this;
    }

    @Override
    public OjsClient.Builder settings(ClientSettings value) {
        this.fixed = Objects.requireNonNull(value, "settings");
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
        ClientSettings resolved = fixed != null ? fixed : settings.build();
        return executor != null ? new DefaultOjsClient(resolved, interceptors, executor)
                : DefaultOjsClient.onOwnPool(resolved, interceptors);
    }
}
