package org.openjobspec.ee.model;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;

/**
 * An answer carrying one job: {@code {"job":{...}}} as servers send it, or a bare job object as some
 * documents show. Both read into {@link #job()}.
 *
 * @param job the job ({@code null} only if the answer held neither shape)
 */
@JsonbTypeDeserializer(JobResponse.Reader.class)
public record JobResponse(Job job) {

    /** Reads either shape. */
    public static final class Reader implements JsonbDeserializer<JobResponse> {
        @Override
        public JobResponse deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonObject object = context.deserialize(JsonObject.class, parser);
            if (object == null) {
                return new JobResponse(null);
            }
            JsonValue wrapped = object.get("job");
            JsonObject job = wrapped instanceof JsonObject inner ? inner : looksLikeJob(object) ? object : null;
            return new JobResponse(job == null ? null : Holder.JSONB.fromJson(job.toString(), Job.class));
        }

        private static boolean looksLikeJob(JsonObject object) {
            return object.containsKey("id") && object.containsKey("type");
        }
    }

    private static final class Holder {
        static final Jsonb JSONB = create();

        private static Jsonb create() {
            try {
                return JsonbBuilder.create();
            } catch (RuntimeException e) {
                throw new JsonbException("no JSON-B implementation available", e);
            }
        }
    }
}
