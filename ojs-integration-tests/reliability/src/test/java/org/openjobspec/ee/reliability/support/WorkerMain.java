package org.openjobspec.ee.reliability.support;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * A worker application in its own JVM: Weld SE with the real extension and {@link Jobs}, configured by system
 * properties ({@code ojs.url}, {@code ojs.worker.*}). Prints {@code READY} once started and {@code RAN <id>}
 * per execution; {@code stop} on standard input closes the container (graceful stop) and prints {@code STOPPED}.
 */
public final class WorkerMain {

    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("reliability.print-runs", "true");
        WeldContainer container = Containers.boot();
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.trim().equals("stop")) {
                break;
            }
        }
        container.close();
        System.out.println("STOPPED");
        System.out.flush();
        System.exit(0);
    }
}
