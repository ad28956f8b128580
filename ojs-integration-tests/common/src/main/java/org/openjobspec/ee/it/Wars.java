package org.openjobspec.ee.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WARs the container tests deploy. */
public final class Wars {

    private Wars() {
    }

    /** The example WAR exactly as src-examples builds it (the build passes its path as {@code ojs.example.war}). */
    public static WebArchive example() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, exampleFile());
    }

    /**
     * A WAR of the given packages plus the OJS jars of the example WAR, so it runs the same library build the
     * example does.
     */
    public static WebArchive withOjs(String name, Package... packages) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        for (Package p : packages) {
            war.addPackage(p);
        }
        WebArchive example = example();
        for (Node lib : example.get("/WEB-INF/lib").getChildren()) {
            ArchivePath path = lib.getPath();
            war.add(lib.getAsset(), path);
        }
        return war;
    }

    /** A WAR whose only handler runs until cancelled; its worker serves queue {@code slow}. */
    public static WebArchive slow() {
        return withOjs("ojs-slow.war", org.openjobspec.ee.it.slow.SlowJobs.class.getPackage())
                .addAsResource(org.openjobspec.ee.it.slow.SlowJobs.class.getPackage(),
                        "microprofile-config.properties", "META-INF/microprofile-config.properties");
    }

    /**
     * A WAR with ojs-health beside the OJS jars (the build passes the jar's path as {@code ojs.health.jar}) and a
     * handler that holds its job until cancelled; its worker, {@code health-it-worker}, serves queue {@code health}.
     */
    public static WebArchive health() {
        File jar = new File(System.getProperty("ojs.health.jar", "missing"));
        if (!jar.isFile()) {
            throw new IllegalStateException("ojs.health.jar must name the ojs-health jar, was " + jar);
        }
        return withOjs("ojs-health.war", org.openjobspec.ee.it.health.HoldJobs.class.getPackage())
                .addAsLibrary(jar, "ojs-health.jar")
                .addAsResource(org.openjobspec.ee.it.health.HoldJobs.class.getPackage(),
                        "microprofile-config.properties", "META-INF/microprofile-config.properties");
    }

    /** A WAR whose handler carries {@code @Cron} (every second); its worker serves queue {@code cron}. */
    public static WebArchive cron() {
        return withOjs("ojs-cron.war", org.openjobspec.ee.it.cron.CronJobs.class.getPackage())
                .addAsResource(org.openjobspec.ee.it.cron.CronJobs.class.getPackage(),
                        "microprofile-config.properties", "META-INF/microprofile-config.properties");
    }

    /** A WAR with invalid handlers: its deployment must fail with the OJS-CDI message ids. */
    public static WebArchive badHandlers() {
        return withOjs("ojs-bad-handlers.war", org.openjobspec.ee.it.bad.BadHandlers.class.getPackage());
    }

    private static File exampleFile() {
        File file = new File(System.getProperty("ojs.example.war", "missing"));
        if (!file.isFile()) {
            throw new IllegalStateException("ojs.example.war must name the example WAR built by src-examples, was "
                    + file);
        }
        return file;
    }
}
