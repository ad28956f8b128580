package org.openjobspec.ee.deployment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import java.util.List;
import java.util.concurrent.Future;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobHandler;

/** One tiny bean per deployment problem. */
final class Handlers {

    private Handlers() {
    }

    @ApplicationScoped
    public static class Fine {
        @JobHandler("email.send")
        public void send(String to) {
        }
    }

    @ApplicationScoped
    public static class StaticHandler {
        @JobHandler("a.static")
        public static void run() {
        }
    }

    @ApplicationScoped
    public static class PrivateHandler {
        @JobHandler("a.private")
        private void run() {
        }
    }

    @ApplicationScoped
    public static class DuplicateA {
        @JobHandler("report.build")
        public void build() {
        }
    }

    @ApplicationScoped
    public static class DuplicateB {
        @JobHandler("report.build")
        public void build() {
        }
    }

    @ApplicationScoped
    public static class BadType {
        @JobHandler("Email")
        public void send() {
        }
    }

    @ApplicationScoped
    public static class TwoContexts {
        @JobHandler("two.contexts")
        public void run(JobContext a, JobContext b) {
        }
    }

    @ApplicationScoped
    public static class Unbindable {
        @JobHandler("unbindable.interface")
        public void run(Runnable task) {
        }
    }

    @ApplicationScoped
    public static class Wildcard {
        @JobHandler("unbindable.wildcard")
        public void run(List<?> items) {
        }
    }

    /** No usable constructor, so the container does not make it a bean. */
    @ApplicationScoped
    public static class NotABean {
        public NotABean(String required) {
        }

        @JobHandler("not.a.bean")
        public void run() {
        }
    }

    @Dependent
    public static final class FinalBean {
        @JobHandler("final.bean")
        public void run() {
        }
    }

    @ApplicationScoped
    public static class FutureReturn {
        @JobHandler("future.return")
        public Future<String> run() {
            return null;
        }
    }

    @ApplicationScoped
    public static class GenericMethod {
        @JobHandler("generic.method")
        public <T extends Number> void run(T value) {
        }
    }
}
