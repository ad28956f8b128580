package org.openjobspec.ee.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** Plain URI and String parameters belong to other resolvers; only {@link InjectOjsServer} ones are the server's. */
@OjsServerTest
@ExtendWith(ForeignUriParameterTest.OtherResolver.class)
class ForeignUriParameterTest {
    static final URI OTHER = URI.create("http://127.0.0.1:1/other");

    /** Another extension that provides every URI and String parameter not meant for the OJS server. */
    static final class OtherResolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            Class<?> t = p.getParameter().getType();
            return (t == URI.class || t == String.class) && !p.isAnnotated(InjectOjsServer.class);
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            return p.getParameter().getType() == URI.class ? OTHER : OTHER.toString();
        }
    }

    @Test
    void plainParametersComeFromTheOtherResolver(URI uri, String text, EmbeddedOjsServer server) {
        assertThat(uri).isEqualTo(OTHER);
        assertThat(text).isEqualTo(OTHER.toString());
        assertThat(server.isRunning()).isTrue();
    }

    @Test
    void annotatedParametersGetTheServer(@InjectOjsServer URI uri, @InjectOjsServer String text,
                                         @InjectOjsServer EmbeddedOjsServer server, URI foreign) {
        assertThat(uri).isEqualTo(server.url());
        assertThat(text).isEqualTo(server.url().toString());
        assertThat(foreign).isEqualTo(OTHER);
    }
}
