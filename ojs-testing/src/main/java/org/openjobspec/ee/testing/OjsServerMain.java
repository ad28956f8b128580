package org.openjobspec.ee.testing;

import org.openjobspec.ee.testing.conformance.ConformanceCli;
import org.openjobspec.ee.testing.internal.Messages;

import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar ojs-server.jar [--port N] [--token T]} serves an in-memory OJS server on 127.0.0.1;
 * {@code java -jar ojs-server.jar conformance --suites DIR [--url URL] [--report-only]} runs conformance cases.
 */
public final class OjsServerMain {
    private OjsServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("conformance")) {
            String[] rest = new String[args.length - 1];
            System.arraycopy(args, 1, rest, 0, rest.length);
            System.exit(ConformanceCli.run(rest, System.out, System.err));
        }
        int port = 8080;
        String token = System.getenv("OJS_API_KEY");
        Long visibilityMs = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--token" -> token = value(args, ++i, "--token");
                case "--visibility-timeout-ms" -> visibilityMs = Long.parseLong(value(args, ++i, "--visibility-timeout-ms"));
                case "-h", "--help" -> {
                    usage();
                    return;
                }
                default -> {
                    System.err.println(Messages.SRV_0810 + ": unknown argument '" + args[i] + "'");
                    usage();
                    System.exit(2);
                }
            }
        }
        EmbeddedOjsServer.Builder builder = EmbeddedOjsServer.builder().port(port).authToken(token);
        if (visibilityMs != null) {
            builder.defaultVisibilityTimeout(java.time.Duration.ofMillis(visibilityMs));
        }
        EmbeddedOjsServer server = builder.start();
        System.out.println("OJS server listening on " + server.url());
        System.out.flush();
        new CountDownLatch(1).await(); // serve until the process is killed
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            System.err.println(Messages.SRV_0811 + ": " + flag + " needs a value");
            System.exit(2);
        }
        return args[i];
    }

    private static void usage() {
        System.err.println("usage: java -jar ojs-server.jar [--port N (0 = free port, default 8080)] [--token T]"
                + " [--visibility-timeout-ms N (default lease, 1800000)]");
        System.err.println("       java -jar ojs-server.jar conformance --suites DIR [--url URL] [--reset-url URL]"
                + " [--parallel N] [--report-only]");
    }
}
