package org.openjobspec.ee.internal.client;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.openjobspec.ee.error.OjsConfigurationException;
import org.openjobspec.ee.internal.Messages;

import static org.openjobspec.ee.internal.Messages.CFG_0010;

/** TLS material: trust and key stores read from files, and the {@link SSLContext} made of them. */
public final class TlsStores {

    private TlsStores() {
    }

    /** The store in {@code path}, or {@code null} after adding the problem, under {@code id}, to {@code problems}. */
    public static KeyStore load(String path, String type, char[] password, String key, Messages id, List<String> problems) {
        Path file = Path.of(path);
        if (!Files.isReadable(file)) {
            problems.add(id + ": " + key + "='" + path + "' is not a readable file");
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            return store;
        } catch (Exception e) {
            problems.add(id + ": cannot load " + key + "='" + path + "' as " + type + ": " + e.getMessage()
                    + " (check the password and " + key + "-type)");
            return null;
        }
    }

    public static boolean isEmpty(KeyStore store) {
        try {
            return store.size() == 0;
        } catch (KeyStoreException e) {
            return false;
        }
    }

    /**
     * The TLS context a client that takes only an {@link SSLContext} (java.net.http) needs to reach the server the
     * REST client reaches with the same settings: {@code explicit} when given, else one built from the stores.
     */
    public static Optional<SSLContext> sslContext(SSLContext explicit, KeyStore trustStore, KeyStore keyStore,
                                           char[] keyStorePassword) {
        if (explicit != null) {
            return Optional.of(explicit);
        }
        if (trustStore == null && keyStore == null) {
            return Optional.empty();
        }
        try {
            TrustManagerFactory tmf = null;
            if (trustStore != null) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trustStore);
            }
            KeyManagerFactory kmf = null;
            if (keyStore != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore, keyStorePassword == null ? new char[0] : keyStorePassword);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return Optional.of(context);
        } catch (GeneralSecurityException e) {
            throw new OjsConfigurationException(List.of(CFG_0010 + ": cannot build a TLS context from the configured "
                    + "trust/key stores: " + e.getMessage()));
        }
    }
}
