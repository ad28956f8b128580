package org.openjobspec.ee.bench;

import java.net.URI;
import java.nio.file.Path;

/**
 * Entry point of every benchmark JVM: {@code Bench <figure group>}. {@code bench/run} starts one JVM per group so
 * that JIT and GC state of one group cannot distort another; BENCH lines go to stdout, progress to stderr.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Bench throughput|telemetry|enqueue|pickup|heap|liberty|liberty-throughput|payara-throughput|quarkus-throughput|outbox");
            System.exit(2);
        }
        // progress lines stay readable: the libraries' INFO logs (Weld, the worker's start/stop) are not figures
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        switch (args[0]) {
            case "throughput" -> ThroughputBench.run();
            case "telemetry" -> TelemetryBench.run();
            case "enqueue" -> EnqueueBench.run();
            case "pickup" -> PickupLatencyBench.run();
            case "heap" -> HeapIdleBench.run();
            case "liberty" -> LibertyDeployBench.run();
            case "liberty-throughput" -> ContainerThroughputBench.run("liberty");
            case "payara-throughput" -> ContainerThroughputBench.run("payara");
            case "quarkus-throughput" -> ContainerThroughputBench.run("quarkus");
            case "outbox" -> OutboxBench.run();
            case "heap-child" -> HeapIdleBench.child(args[1], URI.create(args[2]));
            case "raw-rounds" -> RawRounds.serve(URI.create(args[1]), args.length > 2 ? URI.create(args[2]) : null);
            case "worker-rounds" -> ThroughputBench.serveWorker(URI.create(args[1]), args[2]);
            case "echo-server" -> EchoServer.main(Path.of(args[1]), Path.of(args[2]));
            default -> {
                System.err.println("unknown benchmark '" + args[0] + "'");
                System.exit(2);
            }
        }
        System.exit(0); // the server and worker pools are daemon threads, but Weld and RESTEasy may leave others
    }
}
