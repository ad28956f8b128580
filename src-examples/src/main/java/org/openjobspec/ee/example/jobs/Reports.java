package org.openjobspec.ee.example.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;
import org.openjobspec.ee.JobHandler;
import org.openjobspec.ee.example.middleware.Audited;
import org.openjobspec.ee.example.jobs.Messages.ReportSection;
import org.openjobspec.ee.example.jobs.Messages.SectionTotal;

/** A batch: the sections are computed in parallel; the callback runs once every section has finished. */
@Audited
@ApplicationScoped
public class Reports {

    private static final Logger LOG = Logger.getLogger(Reports.class.getName());

    @JobHandler("report.section")
    public SectionTotal section(ReportSection section) {
        return new SectionTotal(section.section(), Math.abs(section.section().hashCode() % 1000));
    }

    @JobHandler("report.completed")
    public void completed(String report) {
        LOG.info(() -> "OJS example: report '" + report + "' is complete, every section has run");
    }
}
