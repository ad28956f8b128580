package org.openjobspec.ee.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.openjobspec.ee.it.probe.ProbeResource;

public final class ProbeDeployments {

    private ProbeDeployments() {
    }

    /** A WAR with a CDI bean, a JAX-RS resource and an EJB, which proves the container serves all three. */
    public static WebArchive probeWar() {
        return ShrinkWrap.create(WebArchive.class, "probe.war")
                .addPackage(ProbeResource.class.getPackage())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }
}
