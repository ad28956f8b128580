package org.openjobspec.ee.it.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.openjobspec.ee.Cron;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobHandler;

/** A handler in a Quarkus application: on ArC it is found by the library's Build Compatible Extension. */
@ApplicationScoped
public class Greetings {

    public record Person(String name) {
    }

    /** The greeting, the thread the handler ran on and the attempt, so the test can see where jobs run. */
    public record Greeting(String text, String thread, int attempt) {
    }

    @Inject
    Greeter greeter;

    /** Daily: the test sees the entry registered, not run (a tick every second would add jobs to the other tests). */
    @JobHandler("greeting.compose")
    @Cron(name = "quarkus-greeting", value = "0 3 * * *", args = "{\"name\":\"cron\"}")
    public Greeting compose(Person person, JobContext job) {
        return new Greeting(greeter.greet(person.name()), Thread.currentThread().getName(), job.attempt());
    }
}
