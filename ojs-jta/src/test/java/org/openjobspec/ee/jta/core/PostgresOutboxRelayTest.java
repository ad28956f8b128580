package org.openjobspec.ee.jta.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjobspec.ee.jta.testkit.OutboxDatabase;
import org.openjobspec.ee.testing.HostileOjsServer;

/** The relay on PostgreSQL 14, and two application instances' relays in two JVMs on one table. */
class PostgresOutboxRelayTest extends OutboxRelayTest {

    @BeforeAll
    static void database() throws Exception {
        db = OutboxDatabase.postgres();
    }

    @Test
    void twoRelaysInTwoJvmsOnOneTableSendEveryRowExactlyOnce() throws Exception {
        HostileOjsServer ojs = hostile();
        insert(10_000);
        List<Process> jvms = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                        System.getProperty("java.class.path"), RelayMain.class.getName(), db.jdbcUrl(), store.table(),
                        ojs.url().toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                jvms.add(p);
                outputs.add(new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8)));
                assertThat(line(outputs.get(i), "READY")).isEqualTo("READY");
            }
            for (Process p : jvms) {
                p.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
                p.getOutputStream().flush();
            }

            await().atMost(Duration.ofMinutes(3)).until(() -> store.count("pending") == 0);

            List<String> sent = new ArrayList<>();
            for (int i = 0; i < jvms.size(); i++) {
                jvms.get(i).getOutputStream().write("stop\n".getBytes(StandardCharsets.UTF_8));
                jvms.get(i).getOutputStream().close();
                sent.add(line(outputs.get(i), "SENT"));
            }
            assertThat(ojs.server().state().jobCount()).isEqualTo(10_000);
            assertThat(ojs.count(SINGLE)).as("no duplicate, so no batch fell back to single sends").isZero();
            assertThat(idsSent(ojs)).hasSize(10_000).doesNotHaveDuplicates();
            int total = 0;
            for (String line : sent) {
                Matcher m = Pattern.compile("SENT (\\d+) FAILED 0").matcher(line);
                assertThat(m.matches()).as(line).isTrue();
                assertThat(Integer.parseInt(m.group(1))).as("both relays took part").isPositive();
                total += Integer.parseInt(m.group(1));
            }
            assertThat(total).isEqualTo(10_000);
            System.out.println("RELAY two JVMs: " + sent);
        } finally {
            jvms.forEach(Process::destroyForcibly);
        }
    }


    /** The child's first output line starting with {@code prefix}: libraries on the class path may print first. */
    private static String line(BufferedReader output, String prefix) throws java.io.IOException {
        String line = output.readLine();
        while (line != null && !line.startsWith(prefix)) {
            line = output.readLine();
        }
        return line;
    }
}
