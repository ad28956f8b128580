package org.openjobspec.ee.testing.internal;

/**
 * Every message id of ojs-testing, each declared once with what it means. Code writes {@code SRV_0201 + ": ..."}
 * (the constant prints as its id); README.md's "Message ids" section lists them all (checked by a test).
 */
public enum Messages {
    // requests the HTTP layer refuses
    SRV_0001("no such endpoint"),
    SRV_0002("HTTP method not allowed on the endpoint"),
    SRV_0010("bearer token missing or malformed"),
    SRV_0011("bearer token wrong"),
    SRV_0012("unsupported OJS-Version header"),
    SRV_0013("request body above 1 MiB"),
    SRV_0014("unsupported Content-Type"),
    SRV_0015("request body is not valid JSON"),
    SRV_0016("request body is not a JSON object"),
    SRV_0017("job_id missing or not a string"),
    SRV_0018("a millisecond field is not a positive integer"),
    SRV_0019("a field that must be a string is not"),
    SRV_0020("batch without a non-empty jobs array"),
    SRV_0021("fetch without a non-empty queues array"),
    SRV_0022("fetch count is not an integer"),
    SRV_0023("nack error is not an object"),
    SRV_0024("nack requeue is not a boolean"),
    SRV_0025("heartbeat without worker_id"),
    SRV_0026("heartbeat active_jobs is not an array of job ids"),
    SRV_0027("query parameter is not an integer"),
    // enqueue body
    SRV_0100("enqueue body is not a JSON object"),
    SRV_0101("job type missing"),
    SRV_0102("job type is not a string"),
    SRV_0103("job type malformed or too long"),
    SRV_0104("args missing"),
    SRV_0105("args is not an array"),
    SRV_0106("id is not a lowercase UUIDv7"),
    SRV_0107("meta is not an object"),
    SRV_0108("schema is not a string"),
    SRV_0109("options is not an object"),
    SRV_0110("queue name malformed or too long"),
    SRV_0111("priority is not an integer"),
    SRV_0112("priority outside -100..100"),
    SRV_0113("visibility_timeout is not an ISO 8601 duration"),
    SRV_0114("tags is not an array of strings"),
    SRV_0115("options.metadata is not an object"),
    SRV_0116("rate_limit malformed"),
    SRV_0117("a millisecond option is not a positive integer"),
    SRV_0118("timestamp is neither RFC 3339 with zone nor a relative duration"),
    // retry policy
    SRV_0120("retry policy is not an object"),
    SRV_0121("retry max_attempts is not an integer"),
    SRV_0122("retry max_attempts below 0"),
    SRV_0123("retry backoff_coefficient is not a number"),
    SRV_0124("retry backoff_coefficient below 1.0"),
    SRV_0125("retry jitter is not a boolean"),
    SRV_0126("retry non_retryable_errors is not an array of strings"),
    SRV_0127("retry on_exhaustion is neither discard nor dead_letter"),
    SRV_0128("retry backoff type unknown"),
    SRV_0129("retry interval is not a positive ISO 8601 duration"),
    // unique policy
    SRV_0130("unique policy is not an object"),
    SRV_0131("unique keys empty or unknown"),
    SRV_0132("unique period is not an ISO 8601 duration"),
    SRV_0133("unique on_conflict unknown"),
    SRV_0134("unique states not an array of job states"),
    // conflicts and lookups
    SRV_0201("a job with this id exists"),
    SRV_0202("a job with this unique key exists"),
    SRV_0203("a batch element was refused; nothing was enqueued"),
    SRV_0301("no such job"),
    SRV_0302("ack or nack of a job that is not active"),
    SRV_0303("cancel of a job in a final state"),
    // progress extension
    SRV_0310("progress missing or not a number"),
    SRV_0311("progress data is not an object"),
    SRV_0401("no such dead-letter job"),
    // cron
    SRV_0501("cron name missing"),
    SRV_0502("cron expression missing"),
    SRV_0503("cron expression invalid"),
    SRV_0504("cron timezone unknown"),
    SRV_0505("cron overlap_policy unknown"),
    SRV_0506("cron job_template missing or not an object"),
    SRV_0507("cron expression never fires"),
    SRV_0508("no such cron entry"),
    // workflows
    SRV_0601("workflow type missing or unknown"),
    SRV_0602("workflow without members"),
    SRV_0603("workflow callbacks is not an object"),
    SRV_0604("no such workflow"),
    SRV_0605("cancel of a finished workflow"),
    // HostileOjsServer
    SRV_0700("injected failure"),
    SRV_0701("injected status"),
    // embedded server, standalone jar, JUnit extension
    SRV_0801("cannot listen on the port"),
    SRV_0802("timer tick failed"),
    SRV_0803("port outside 0-65535"),
    SRV_0804("tick not positive"),
    SRV_0805("sseHeartbeat not positive"),
    SRV_0806("idleTimeout not positive"),
    SRV_0807("default visibility timeout not positive"),
    SRV_0810("unknown command-line argument"),
    SRV_0811("command-line flag without its value"),
    SRV_0820("bad conformance arguments"),
    SRV_0821("conformance cases directory missing"),
    SRV_0822("no conformance case files"),
    SRV_0823("conformance run failed"),
    SRV_0830("no embedded server for the test (annotation missing)"),
    SRV_0831("@InjectOjsServer field or parameter of an unsupported type"),
    SRV_0840("conformance cases not found by the build's test"),
    // HTTP listener
    SRV_0850("HTTP threads still running after stop"),
    SRV_0851("accept failed"),
    SRV_0852("connection dropped"),
    SRV_0853("malformed HTTP request"),
    SRV_0900("unexpected internal error (a bug)");

    private final String id;
    private final String meaning;

    Messages(String meaning) {
        this.id = "OJS-" + name().replace('_', '-');
        this.meaning = meaning;
    }

    public String id() {
        return id;
    }

    public String meaning() {
        return meaning;
    }

    @Override
    public String toString() {
        return id;
    }
}
