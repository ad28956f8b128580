package org.openjobspec.ee.model;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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

    /**
     * Reads either shape. The usual one, {@code {"job":{...}}}, binds the job straight from the stream; the other
     * keys are kept aside in case the answer turns out to be a bare job.
     */
    public static final class Reader implements JsonbDeserializer<JobResponse> {
        @Override
        public JobResponse deserialize(JsonParser parser, DeserializationContext context, Type type) {
            Job wrapped = null;
            JsonObjectBuilder others = null;
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_OBJECT) {
                    break;
                }
                String key = parser.getString();
                JsonParser.Event value = parser.next();
                if (key.equals("job") && value == JsonParser.Event.START_OBJECT && wrapped == null) {
                    wrapped = context.deserialize(Job.class, parser);
                } else {
                    others = others == null ? WireJson.provider().createObjectBuilder() : others;
                    others.add(key, parser.getValue());
                }
            }
            if (wrapped != null || others == null) {
                return new JobResponse(wrapped);
            }
            JsonObject bare = others.build();
            return new JobResponse(looksLikeJob(bare) ? Holder.JSONB.fromJson(bare.toString(), Job.class) : null);
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
