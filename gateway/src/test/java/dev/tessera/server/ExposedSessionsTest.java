package dev.tessera.server;

import dev.tessera.config.ExchangeConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExposedSessionsTest
{
    private static final String SESSIONS = "[ { compId = OPEN, ownerId = 1 }, " +
        "{ compId = DEMO, ownerId = 2, password = client1-secret }, " +
        "{ compId = GUARDED, ownerId = 3, password = \"a-long-secret\" } ]";

    /** QA 129: a session without a password, or with the demo's, on an address others reach started without a word. */
    @Test
    void shouldWarnOfSessionsWithoutAPasswordOrWithTheDemosOnAnAddressOthersReach()
    {
        assertThat(ExposedSessions.warnings(ExchangeConfigLoader.load(null,
            Map.of("gateway.host", "0.0.0.0", "gateway.sessions", SESSIONS))))
            .containsExactly(
                "tessera: WARNING session OPEN has no password, and the gateway listens on 0.0.0.0, which other " +
                    "machines may reach: anyone who knows the CompID can trade as it (README \"Security\" under " +
                    "\"Configuration\")",
                "tessera: WARNING session DEMO has a demo session's password, which the README prints, and the " +
                    "gateway listens on 0.0.0.0, which other machines may reach: anyone who knows the CompID can " +
                    "trade as it (README \"Security\" under \"Configuration\")");
    }

    @Test
    void shouldSayNothingWhileTheGatewayListensOnALoopbackAddress()
    {
        assertThat(ExposedSessions.warnings(ExchangeConfigLoader.load(null, Map.of("gateway.sessions", SESSIONS))))
            .isEmpty();
        assertThat(ExposedSessions.warnings(ExchangeConfigLoader.load(null,
            Map.of("gateway.host", "localhost", "gateway.sessions", SESSIONS)))).isEmpty();
    }
}
