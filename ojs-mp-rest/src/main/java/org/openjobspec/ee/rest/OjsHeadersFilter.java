package org.openjobspec.ee.rest;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Map;

/**
 * Adds the OJS headers to every request: {@code Accept}, {@code OJS-Version}, a fresh
 * {@code X-Request-Id} (unless one is set), {@code Authorization: Bearer} when a token is configured, and
 * the configured extra headers.
 */
public final class OjsHeadersFilter implements ClientRequestFilter {

    private final String authToken;
    private final Map<String, String> extraHeaders;

    public OjsHeadersFilter(String authToken, Map<String, String> extraHeaders) {
        this.authToken = authToken == null || authToken.isBlank() ? null : authToken.trim();
        this.extraHeaders = extraHeaders == null ? Map.of() : Map.copyOf(extraHeaders);
    }

    @Override
    public void filter(ClientRequestContext request) {
        MultivaluedMap<String, Object> headers = request.getHeaders();
        extraHeaders.forEach(headers::putSingle);
        Object accept = headers.getFirst(HttpHeaders.ACCEPT);
        if (accept == null || accept.toString().isBlank()) {
            headers.putSingle(HttpHeaders.ACCEPT, OjsMediaTypes.OJS_JSON + ", application/json");
        }
        headers.putSingle(OjsMediaTypes.HEADER_VERSION, OjsMediaTypes.SPEC_VERSION);
        if (headers.getFirst(OjsMediaTypes.HEADER_REQUEST_ID) == null) {
            headers.putSingle(OjsMediaTypes.HEADER_REQUEST_ID, "req_" + Uuid7.next());
        }
        if (authToken != null) {
            headers.putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + authToken);
        }
    }
}
