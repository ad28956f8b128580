package org.openjobspec.ee.testing.internal.server;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.openjobspec.ee.testing.internal.Messages;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Registered cron entries and their runs with overlap policies. Guarded by the {@link ServerState} monitor. */
final class Crons {
    /** A registration: the entry and whether it is new (201) or replaced one of the same name (200). */
    record Registered(CronEntry cron, boolean created) {
    }

    private final Map<String, CronEntry> crons = new LinkedHashMap<>();
    private final JobLifecycle jobs;
    private final EventLog events;

    Crons(JobLifecycle jobs, EventLog events) {
        this.jobs = jobs;
        this.events = events;
    }

    Registered register(JsonObject body, long now) {
        String name = Json.stringOrNull(body, "name");
        if (name == null || name.isBlank()) {
            throw ApiException.invalid(Messages.SRV_0501,
                    "The 'name' field is required and must be a non-empty string.",
                    "Name the cron entry, e.g. \"nightly-cleanup\".", "name");
        }
        String exprKey = body.containsKey("expression") ? "expression" : "cron";
        String exprText = Json.stringOrNull(body, exprKey);
        if (exprText == null || exprText.isBlank()) {
            throw ApiException.invalid(Messages.SRV_0502, "The 'expression' field is required.",
                    "Use a 5-field cron expression such as \"*/5 * * * *\" or a macro such as \"@daily\".",
                    "expression");
        }
        CronExpression expr;
        try {
            expr = CronExpression.parse(exprText);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(Messages.SRV_0503, "Invalid cron expression '" + exprText + "': "
                            + e.getMessage() + ".",
                    "Use 5 fields (minute hour day-of-month month day-of-week), e.g. \"0 9 * * 1-5\", or @hourly,"
                            + " @daily, @weekly, @monthly, @yearly, @every 30s.", "expression");
        }
        String tz = body.containsKey("timezone") && !Json.isNull(body.get("timezone"))
                ? Json.stringOrNull(body, "timezone") : "UTC";
        ZoneId zone;
        try {
            zone = ZoneId.of(tz == null ? "" : tz);
        } catch (RuntimeException e) {
            throw ApiException.invalid(Messages.SRV_0504, "Unknown timezone " + body.get("timezone") + ".",
                    "Use an IANA zone id such as \"Europe/Berlin\" or \"UTC\".", "timezone");
        }
        String overlap = body.containsKey("overlap_policy") && !Json.isNull(body.get("overlap_policy"))
                ? Json.stringOrNull(body, "overlap_policy") : "allow";
        if (!List.of("allow", "skip", "cancel").contains(overlap)) {
            throw ApiException.invalid(Messages.SRV_0505, "'overlap_policy' must be allow, skip or cancel.",
                    "Use \"skip\" to avoid starting a run while the previous one is unfinished.", "overlap_policy");
        }
        JsonObject template = template(body);
        PushRequest.parse(template, now, "job_template: ");
        CronEntry c = new CronEntry(name, exprText, expr, zone, tz, overlap, template, now);
        ZonedDateTime next = expr.next(ZonedDateTime.ofInstant(Instant.ofEpochMilli(now), zone), zone);
        if (next == null) {
            throw ApiException.invalid(Messages.SRV_0507, "Cron expression '" + exprText + "' never fires.",
                    "Check day-of-month and month, e.g. \"0 0 31 2 *\" has no date.", "expression");
        }
        c.nextRunAt = next.toInstant().toEpochMilli();
        boolean replaced = crons.put(name, c) != null;
        return new Registered(c, !replaced);
    }

    private static JsonObject template(JsonObject body) {
        JsonObject template;
        if (body.get("job_template") instanceof JsonObject t) {
            template = t;
        } else if (body.containsKey("job_template")) {
            throw ApiException.invalid(Messages.SRV_0506, "'job_template' must be an object.",
                    "Send {\"type\":\"...\",\"args\":[...],\"options\":{...}}.", "job_template");
        } else if (body.containsKey("type")) { // the binding's flat shape: type/args/meta/options at top level
            JsonObjectBuilder tb = Json.obj();
            for (String k : List.of("type", "args", "meta", "options")) {
                if (body.containsKey(k)) {
                    tb.add(k, body.get(k));
                }
            }
            template = tb.build();
        } else {
            throw ApiException.invalid(Messages.SRV_0506, "The 'job_template' field is required.",
                    "Send {\"job_template\":{\"type\":\"...\",\"args\":[...]}}.", "job_template");
        }
        if (!template.containsKey("args")) {
            template = Json.P.createObjectBuilder(template).add("args", JsonValue.EMPTY_JSON_ARRAY).build();
        }
        return template;
    }

    Collection<CronEntry> all() {
        return crons.values();
    }

    CronEntry delete(String name) {
        CronEntry c = crons.remove(name);
        if (c == null) {
            throw ApiException.notFound(Messages.SRV_0508, "cron", name);
        }
        return c;
    }

    void fireDue(long now) {
        for (CronEntry c : new ArrayList<>(crons.values())) {
            if (c.nextRunAt <= now) {
                fire(c, now);
            }
        }
    }

    private void fire(CronEntry c, long now) {
        StoredJob previous = c.lastJobId == null ? null : jobs.find(c.lastJobId);
        boolean running = previous != null && !previous.state.terminal();
        ZonedDateTime next = c.expression.next(ZonedDateTime.ofInstant(Instant.ofEpochMilli(now), c.zone), c.zone);
        c.nextRunAt = next == null ? Long.MAX_VALUE : next.toInstant().toEpochMilli();
        if (running && c.overlapPolicy.equals("skip")) {
            events.record("cron.skipped", null, now, Json.obj().add("cron_name", c.name)
                    .add("running_job_id", previous.id));
            return;
        }
        if (running && c.overlapPolicy.equals("cancel")) {
            jobs.cancel(previous, now, "superseded by the next cron run");
        }
        try {
            StoredJob j = jobs.push(PushRequest.parse(c.jobTemplate, now, ""), now).job();
            c.lastJobId = j.id;
            c.lastRunAt = now;
            events.record("cron.triggered", j, now, Json.obj().add("cron_name", c.name));
        } catch (ApiException e) {
            // e.g. a unique conflict: the run is skipped, the schedule continues
            events.record("cron.skipped", null, now, Json.obj().add("cron_name", c.name)
                    .add("reason", e.getMessage()));
        }
    }

    void clear() {
        crons.clear();
    }
}
