package org.openjobspec.ee.testing;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * Terminates TLS on 127.0.0.1, on a free port, in front of a plain HTTP server such as {@link EmbeddedOjsServer}:
 * for tests of a client's or an application's HTTPS configuration (trust stores, host names) against a real OJS
 * server. Every connection is piped to the upstream unchanged; {@link #close()} stops accepting and ends all pipes.
 */
public final class TlsProxy implements AutoCloseable {

    private final SSLServerSocket server;
    private final ExecutorService pumps = Executors.newCachedThreadPool();

    /**
     * Starts the proxy.
     *
     * @param keyStore a PKCS12 key store holding the server's certificate and private key
     * @param password the key store's (and key's) password
     * @param upstream the plain HTTP server to forward to, e.g. {@code EmbeddedOjsServer#url()}
     */
    public TlsProxy(Path keyStore, char[] password, URI upstream) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        pumps.submit(() -> {
            while (!server.isClosed()) {
                Socket client = server.accept();
                Socket plain = new Socket(upstream.getHost(), upstream.getPort());
                pumps.submit(() -> pump(client, plain));
                pumps.submit(() -> pump(plain, client));
            }
            return null;
        });
    }

    /** The proxy's address: {@code https://127.0.0.1:PORT}. */
    public URI url() {
        return URI.create("https://127.0.0.1:" + server.getLocalPort());
    }

    private static Void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (Exception closed) {
            // either side closed the connection
        } finally {
            try {
                from.close();
                to.close();
            } catch (Exception ignored) {
                // already closed
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        server.close();
        pumps.shutdownNow();
    }
}
