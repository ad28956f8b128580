package org.openjobspec.ee.rest;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;
import org.openjobspec.ee.error.OjsErrors;
import org.openjobspec.ee.error.OjsException;

/** Maps every error answer (status 400 and above) to the matching {@link OjsException} subtype. */
public final class OjsResponseExceptionMapper implements ResponseExceptionMapper<OjsException> {

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    @Override
    public OjsException toThrowable(Response response) {
        String body = readBody(response);
        return OjsErrors.fromResponse(response.getStatus(), body,
                response.getHeaderString(OjsMediaTypes.HEADER_REQUEST_ID),
                response.getHeaderString("Retry-After"));
    }

    @Override
    public int getPriority() {
        return 100;
    }

    private static String readBody(Response response) {
        try {
            if (!response.hasEntity()) {
                return null;
            }
            return response.readEntity(String.class);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
