package org.openjobspec.ee.internal.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server key pair for 127.0.0.1 and a trust store holding its certificate, both PKCS12 made by the JDK's keytool,
 * the way users make them (keytool encrypts a PKCS12 store's certificates with the store password).
 */
record TestKeys(Path serverStore, char[] serverPassword, Path trustStore, String trustPassword) {

    static TestKeys create(Path dir) throws Exception {
        TestKeys keys = new TestKeys(dir.resolve("server.p12"), "server-pass".toCharArray(), dir.resolve("trust.p12"),
                "trust-pass");
        Path cert = dir.resolve("server.cer");
        String serverPass = new String(keys.serverPassword);
        keytool("-genkeypair", "-alias", "ojs", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keys.serverStore.toString(), "-storepass", serverPass);
        keytool("-exportcert", "-alias", "ojs", "-keystore", keys.serverStore.toString(), "-storepass", serverPass,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "ojs", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", keys.trustStore.toString(), "-storepass", keys.trustPassword);
        return keys;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + command + " failed: " + out);
        }
    }
}
