package org.openjobspec.ee.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Writes and compiles {@code n} handler beans, {@code bench.gen.HandlerNN} with one {@code @JobHandler("bench.gen.hNN")}
 * method each, as an application would have them. The same classes go into the Liberty WARs (with and without the
 * OJS jars: without them the annotation is simply absent at runtime) and onto the class path of the heap benchmark.
 */
final class GeneratedHandlers {

    static final String BEANS_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated">
            </beans>
            """;

    private GeneratedHandlers() {
    }

    static String type(int i) {
        return String.format(Locale.ROOT, "bench.gen.h%02d", i);
    }

    /** Compiles the handlers into {@code dir/classes} (with a META-INF/beans.xml) and returns that directory. */
    static Path compile(Path dir, int n) throws IOException {
        Path src = dir.resolve("src/bench/gen");
        Path classes = dir.resolve("classes");
        Files.createDirectories(src);
        Files.createDirectories(classes.resolve("META-INF"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path")));
        for (int i = 1; i <= n; i++) {
            String name = String.format(Locale.ROOT, "Handler%02d", i);
            Path file = src.resolve(name + ".java");
            Files.writeString(file, """
                    package bench.gen;

                    @jakarta.enterprise.context.ApplicationScoped
                    public class %s {
                        @org.openjobspec.ee.JobHandler("%s")
                        public String handle(String value) {
                            return value;
                        }
                    }
                    """.formatted(name, type(i)));
            args.add(file.toString());
        }
        javac(args);
        Files.writeString(classes.resolve("META-INF/beans.xml"), BEANS_XML);
        return classes;
    }

    /**
     * Compiles {@code bench.noop.NoopHandler}, the no-op {@code bench.noop} handler of {@link BenchHandlers} as an
     * application deployed to a container has it, into {@code dir/classes} and returns that directory.
     */
    static Path compileNoop(Path dir) throws IOException {
        Path src = dir.resolve("src/bench/noop");
        Path classes = dir.resolve("classes");
        Files.createDirectories(src);
        Files.createDirectories(classes);
        Path file = Files.writeString(src.resolve("NoopHandler.java"), """
                package bench.noop;

                @jakarta.enterprise.context.ApplicationScoped
                public class NoopHandler {
                    @org.openjobspec.ee.JobHandler("bench.noop")
                    public void noop(String email, int n) {
                    }
                }
                """);
        javac(new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), file.toString())));
        return classes;
    }

    private static void javac(List<String> args) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null || javac.run(null, null, System.err, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("could not compile the generated handlers (is this a JDK?)");
        }
    }
}
