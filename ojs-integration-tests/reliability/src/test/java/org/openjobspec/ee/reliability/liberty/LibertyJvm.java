package org.openjobspec.ee.reliability.liberty;

import java.io.File;
import java.io.IOException;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Looks into Liberty's JVM through its local JMX connector (the one Arquillian uses): live threads, loaded
 * classes, and which threads are running OJS code right now.
 */
final class LibertyJvm implements AutoCloseable {

    private final JMXConnector connector;
    private final ThreadMXBean threads;
    private final ClassLoadingMXBean classes;
    private final MemoryMXBean memory;

    private LibertyJvm(JMXConnector connector) throws IOException {
        this.connector = connector;
        MBeanServerConnection c = connector.getMBeanServerConnection();
        threads = ManagementFactory.newPlatformMXBeanProxy(c, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
        classes = ManagementFactory.newPlatformMXBeanProxy(c, ManagementFactory.CLASS_LOADING_MXBEAN_NAME,
                ClassLoadingMXBean.class);
        memory = ManagementFactory.newPlatformMXBeanProxy(c, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
    }

    static LibertyJvm connect() throws IOException {
        Path address = Path.of(System.getProperty("liberty.wlp.dir"), "usr", "servers",
                System.getProperty("liberty.server.name"), "logs", "state", "com.ibm.ws.jmx.local.address");
        return new LibertyJvm(JMXConnectorFactory.connect(new JMXServiceURL(Files.readString(address).trim())));
    }

    int liveThreads() {
        return threads.getThreadCount();
    }

    int loadedClasses() {
        return classes.getLoadedClassCount();
    }

    long unloadedClasses() {
        return classes.getUnloadedClassCount();
    }

    /** A full collection; callers that wait for classes to be unloaded repeat it while they poll. */
    void collectGarbage() {
        memory.gc();
    }

    /** Threads with an OJS frame on their stack (worker coordinator, handlers, HTTP calls of the worker). */
    List<String> threadsRunningOjs() {
        List<String> found = new ArrayList<>();
        for (ThreadInfo t : threads.dumpAllThreads(false, false)) {
            for (StackTraceElement f : t.getStackTrace()) {
                if (f.getClassName().startsWith("org.openjobspec.ee.")) {
                    found.add(t.getThreadName() + " in " + f.getClassName() + "#" + f.getMethodName());
                    break;
                }
            }
        }
        return found;
    }

    /** Threads that have a frame of {@code className} on their stack. */
    int threadsIn(String className) {
        int n = 0;
        for (ThreadInfo t : threads.dumpAllThreads(false, false)) {
            for (StackTraceElement f : t.getStackTrace()) {
                if (f.getClassName().startsWith(className)) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }

    // ---------------------------------------------------------------- the WARs

    static WebArchive exampleWar() {
        File file = new File(System.getProperty("ojs.example.war", "missing"));
        if (!file.isFile()) {
            throw new IllegalStateException("ojs.example.war must name the example WAR built by src-examples, was "
                    + file);
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, file);
    }

    /** A WAR with the given classes and worker settings, carrying the OJS jars exactly as the example WAR does. */
    static WebArchive warWith(String name, String config, Class<?>... classes) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties")
                .addClasses(classes);
        for (Node lib : exampleWar().get("/WEB-INF/lib").getChildren()) {
            ArchivePath path = lib.getPath();
            war.add(lib.getAsset(), path);
        }
        return war;
    }
}
