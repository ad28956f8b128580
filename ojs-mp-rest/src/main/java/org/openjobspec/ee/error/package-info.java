/**
 * The OJS exception hierarchy. Every failure a client or worker call can meet (an error answer from the
 * server, a transport failure, an unreadable answer, bad input, bad configuration) is an unchecked
 * {@link org.openjobspec.ee.error.OjsException} carrying a code, a message, whether a retry may help,
 * the request id, the HTTP status and {@code Retry-After}.
 *
 * <p>Codes: errors answered by a server keep the server's code ({@code not_found}, {@code duplicate}, ...);
 * errors raised on the client side carry a stable message id as code ({@code OJS-CLI-nnnn},
 * {@code OJS-CFG-nnnn}).
 */
package org.openjobspec.ee.error;
