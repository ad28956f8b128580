package org.openjobspec.ee.internal;

/**
 * Every message id of ojs-cdi, each declared once with what it means. Code writes {@code CFG_0013 + ": ..."}
 * (the constant prints as its id); README.md's "Message ids" section lists them all (checked by a test).
 * OJS-CLI-0020 and up belong to ojs-mp-rest; OJS-CFG-0100..0149 and OJS-TX belong to ojs-jta.
 */
public enum Messages {
    // handler validation at deployment
    CDI_0001("handler method is static, private or final"),
    CDI_0002("duplicate job type"),
    CDI_0003("job type malformed or too long"),
    CDI_0004("more than one JobContext parameter"),
    CDI_0005("a parameter JSON-B cannot bind"),
    CDI_0006("handler class is not a CDI bean"),
    CDI_0007("handler bean class is final"),
    CDI_0008("return type with a type variable or wildcard, or a Future"),
    CDI_0009("handler method declares type parameters"),
    // @Cron validation at deployment
    CDI_0010("cron expression malformed"),
    CDI_0011("cron time zone unknown"),
    CDI_0012("duplicate cron name"),
    CDI_0013("cron name malformed"),
    CDI_0014("cron args not a JSON literal"),
    CDI_0015("cron args cannot be bound to the handler's parameters"),
    CDI_0016("cron queue malformed"),
    CDI_0017("@Cron on a method without @JobHandler"),
    // client configuration (0001-0049)
    CFG_0001("ojs.url not set"),
    CFG_0002("ojs.url malformed"),
    CFG_0003("ojs.connect-timeout invalid"),
    CFG_0004("ojs.read-timeout invalid"),
    CFG_0005("ojs.headers.* name or value malformed"),
    CFG_0006("ojs.headers.* names a header the client sets itself"),
    CFG_0007("trust store cannot be loaded"),
    CFG_0008("key store cannot be loaded"),
    CFG_0009("ojs.auth-token with whitespace"),
    CFG_0010("no TLS context from the stores"),
    CFG_0011("a client key cannot be read"),
    CFG_0012("trust store holds no certificate"),
    CFG_0013("unknown ojs.* key"),
    CFG_0014("ojs.retry.enabled not a boolean"),
    CFG_0015("ojs.retry.max-attempts not a whole number in 1..100"),
    CFG_0016("ojs.retry.max-duration invalid"),
    CFG_0017("ojs.retry.initial-backoff invalid"),
    CFG_0018("ojs.retry.max-backoff invalid or below the initial backoff"),
    CFG_0019("ojs.batch.max-bytes not a whole number of at least 1024"),
    // worker configuration (0050-0099)
    CFG_0050("ojs.worker.enabled not a boolean"),
    CFG_0051("ojs.worker.queues malformed"),
    CFG_0052("ojs.worker.concurrency out of range"),
    CFG_0053("ojs.worker.poll-interval invalid"),
    CFG_0054("ojs.worker.heartbeat-interval invalid"),
    CFG_0055("ojs.worker.grace-period invalid"),
    CFG_0056("ojs.worker.visibility-timeout invalid"),
    CFG_0057("heartbeat interval above a third of the visibility timeout"),
    CFG_0058("ojs.worker.id malformed"),
    CFG_0059("ojs.worker.labels malformed"),
    CFG_0060("ojs.worker.executor empty"),
    CFG_0061("ojs.worker.backoff-max invalid"),
    CFG_0062("per-handler concurrency out of range"),
    CFG_0063("per-handler timeout invalid"),
    CFG_0064("per-handler key malformed or naming a job type with no handler"),
    CFG_0065("unknown ojs.worker.* key"),
    CFG_0066("MicroProfile Config unavailable"),
    CFG_0067("ojs.worker.wake-on-events not a boolean"),
    // cron overrides (0070-0074)
    CFG_0070("ojs.cron.\"<name>\".expression malformed"),
    CFG_0071("ojs.cron.\"<name>\".timezone unknown"),
    CFG_0072("ojs.cron.\"<name>\".enabled not a boolean"),
    CFG_0073("ojs.cron.* key malformed or naming no @Cron entry"),
    // client-side validation, before any HTTP call
    CLI_0001("job type missing or malformed"),
    CLI_0002("queue name missing or malformed"),
    CLI_0003("priority outside -100..100"),
    CLI_0004("args cannot be written as JSON"),
    CLI_0005("job id is not a lowercase UUIDv7"),
    CLI_0006("a duration or number out of range"),
    CLI_0007("a null job spec, or a batch empty or with a null or invalid job"),
    CLI_0008("workflow null, empty or with callbacks but no batch"),
    CLI_0009("cron definition incomplete"),
    CLI_0010("an identifier or listener missing"),
    CLI_0011("metadata key empty"),
    CLI_0012("a tag blank"),
    CLI_0013("unique policy without keys"),
    CLI_0014("the client is closed"),
    CLI_0015("an observer of an enqueue failed; the enqueue goes on"),
    CLI_0016("a batch body larger than ojs.batch.max-bytes"),
    CLI_0017("one job alone larger than ojs.batch.max-bytes (enqueueAll)"),
    CLI_0018("rate limit key missing or malformed"),
    CLI_0019("rate limit without a limit, or a limit out of range"),
    // client retries
    CLI_0050("a call failed and is tried again"),
    CLI_0051("a retried enqueue met its own job from an earlier try"),
    // all-events subscription (event polling)
    CLI_0055("server without the event polling endpoint"),
    CLI_0056("event filter entry blank"),
    CLI_0057("an event listener failed; the subscription goes on"),
    // worker engine
    WRK_0001("worker started"),
    WRK_0002("fetch failed; retrying"),
    WRK_0003("server reachable again after failed fetches"),
    WRK_0004("heartbeat failed"),
    WRK_0005("server asked the worker to be quiet"),
    WRK_0006("worker no longer quiet"),
    WRK_0007("server asked the worker to terminate"),
    WRK_0008("worker stopping: draining its jobs"),
    WRK_0009("grace period over: releasing unfinished jobs"),
    WRK_0010("a job was cancelled or taken back by the server"),
    WRK_0011("a job is no longer the worker's; nothing sent"),
    WRK_0012("could not settle a job yet; will retry"),
    WRK_0013("could not report a job's outcome; the server delivers it again"),
    WRK_0014("no handler for the job type"),
    WRK_0015("a job timed out; its handler is interrupted"),
    WRK_0016("worker stopped"),
    WRK_0017("worker failed; releasing its jobs"),
    WRK_0018("server sent more jobs than asked for"),
    WRK_0019("executor rejected a job"),
    WRK_0020("worker did not stop in time"),
    WRK_0021("a job ended after it was taken away; its outcome is discarded"),
    WRK_0022("final heartbeat failed"),
    WRK_0045("cannot watch queues for new jobs; polling"),
    WRK_0055("server without the progress extension: progress is not sent"),
    WRK_0056("a progress report failed; the job goes on"),
    // CDI layer
    WRK_0030("JobContext used outside a running job"),
    WRK_0031("JNDI name holds no executor"),
    WRK_0032("no managed executor: a fallback executor runs the handlers"),
    WRK_0033("handler threads still running after stop"),
    WRK_0034("worker disabled"),
    WRK_0035("no handler methods: no worker started"),
    WRK_0036("the handlers and the executor they run on"),
    WRK_0037("handler method not found"),
    WRK_0038("no bean for a handler class"),
    WRK_0039("the worker's REST client unavailable"),
    WRK_0044("server without queue event streams"),
    // job log lines
    WRK_0040("job starting"),
    WRK_0041("job arguments"),
    WRK_0042("job finished"),
    WRK_0043("job failed"),
    WRK_0046("a step around the handler failed"),
    // cron reconciliation at startup
    WRK_0050("cron entries not reconciled yet: server unreachable; retrying"),
    WRK_0051("a cron entry refused by the server; not retried"),
    WRK_0052("cron entries reconciled with the server"),
    WRK_0053("a disabled cron entry removed from the server"),
    WRK_0054("server without cron upsert: entry replaced by unregister and register");

    private final String meaning;

    Messages(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    public String id() {
        return toString();
    }

    /** The id: {@code OJS-}, the family, a dash and the number. */
    @Override
    public String toString() {
        return "OJS-" + name().replace('_', '-');
    }
}
