package org.openjobspec.ee.jta;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the AfterCommitSendFailed events the application observes. */
@ApplicationScoped
public class SendFailures {

    private final List<AfterCommitSendFailed> seen = new CopyOnWriteArrayList<>();

    List<AfterCommitSendFailed> seen() {
        return seen;
    }

    void on(@Observes AfterCommitSendFailed failed) {
        seen.add(failed);
    }
}
