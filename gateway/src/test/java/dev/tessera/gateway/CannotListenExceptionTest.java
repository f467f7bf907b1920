package dev.tessera.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.nio.channels.ServerSocketChannel;
import org.junit.jupiter.api.Test;

/** The advice after "cannot listen" fits its cause (QA 102 #4); no socket is bound here (one that does not resolve binds nothing). */
class CannotListenExceptionTest
{
    @Test
    void shouldAskAboutAnotherExchangeOnlyWhenThePortIsTaken()
    {
        assertThat(new CannotListenException("127.0.0.1", 9920, new BindException("Address already in use")).advice())
            .startsWith("Is another exchange running on that port?")
            .contains("gateway.port");
    }

    @Test
    void shouldSayTheHostIsNotAnAddressOfThisMachine()
    {
        // 192.0.2.1 (TEST-NET-1, RFC 5737) is no machine's address.
        final CannotListenException ex =
            new CannotListenException("192.0.2.1", 9920, new BindException("Cannot assign requested address"));

        assertThat(ex.getMessage()).isEqualTo("cannot listen on 192.0.2.1:9920: Cannot assign requested address");
        assertThat(ex.advice())
            .startsWith("gateway.host 192.0.2.1 is not an address of this machine")
            .doesNotContain("another exchange");
    }

    @Test
    void shouldSayAPortBelow1024NeedsPrivileges()
    {
        assertThat(new CannotListenException("0.0.0.0", 80, new BindException("Permission denied")).advice())
            .contains("below 1024 needs privileges")
            .doesNotContain("another exchange");
    }

    @Test
    void shouldRefuseAHostThatDoesNotResolveBeforeTryingToBind()
    {
        assertThatThrownBy(() -> CannotListenException.checkCanListen("no-such-host.invalid", 0))
            .isInstanceOf(UnresolvedHostException.class)
            .hasMessageStartingWith("gateway.host \"no-such-host.invalid\" does not resolve to an address on this " +
                "machine");
    }

    @Test
    void shouldRefuseAHostThatNoLongerResolvesWhenTheGatewayBinds() throws Exception
    {
        // The gateway's own bind, after the start-up check: a name that stopped resolving in between threw Java's
        // UnresolvedAddressException (a stack trace, status 1) before the bind looked it up itself.
        try (ServerSocketChannel channel = ServerSocketChannel.open())
        {
            assertThatThrownBy(() -> CannotListenException.bind(channel, "no-such-host.invalid", 0))
                .isInstanceOf(UnresolvedHostException.class);
            assertThat(channel.getLocalAddress()).isNull();
        }
    }
}
