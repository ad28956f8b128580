package org.openjobspec.ee.rest;

import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import org.openjobspec.ee.error.OjsErrors;
import org.openjobspec.ee.model.WireJson;

/**
 * Checks that an answer is complete, well-formed JSON before JSON-B binds it.
 *
 * <p>Why: binding a truncated document can spin forever. Parsson 1.1.7 loops at end of input while
 * skipping an unknown object (seen here: {@code {"job":{"id":"x"} } cut short, read as a type without a
 * {@code job} property). Walking the document with a plain parser first turns any such answer into an
 * {@link org.openjobspec.ee.error.OjsMalformedResponseException} instead.
 */
public final class OjsJsonGuard implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Class<?> type = context.getType();
        if (type == String.class || type == byte[].class || InputStream.class.isAssignableFrom(type)) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        if (body.length == 0) {
            throw OjsErrors.malformed("empty body where " + type.getSimpleName() + " was expected", null);
        }
        try (JsonParser parser = WireJson.provider().createParser(new ByteArrayInputStream(body))) {
            walk(parser);
        } catch (RuntimeException e) {
            throw OjsErrors.malformed("not complete JSON (" + e.getMessage() + ")", e);
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /** Throws {@link org.openjobspec.ee.error.OjsMalformedResponseException} unless {@code json} is one complete JSON value. */
    public static void requireWellFormed(String json) {
        try (JsonParser parser = WireJson.provider().createParser(new StringReader(json))) {
            walk(parser);
        } catch (RuntimeException e) {
            throw OjsErrors.malformed("not complete JSON (" + e.getMessage() + ")", e);
        }
    }

    private static void walk(JsonParser parser) {
        int depth = 0;
        boolean seenValue = false;
        while (parser.hasNext()) {
            JsonParser.Event event = parser.next();
            switch (event) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                default -> {
                    // scalar or key
                }
            }
            seenValue = true;
        }
        if (!seenValue || depth != 0) {
            throw new IllegalStateException("document ends early");
        }
    }
}
