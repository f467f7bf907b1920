package dev.tessera.gateway;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.SocketChannel;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionTest
{
    /**
     * Whenever the gateway may begin a message, the buffer has room for its own fields and for all it may echo of
     * the message it answers (an MDReqID is echoed whole): a whole inbound message. What a client may leave
     * unread stays maxOutboundBytes.
     */
    @Test
    void shouldKeepRoomForTheGatewaysOwnFieldsAndAWholeInboundMessageEchoed() throws IOException
    {
        final int maxMessageBytes = 64 * 1024;
        final int maxOutboundBytes = 4 * maxMessageBytes;
        try (SocketChannel channel = SocketChannel.open())
        {
            final Connection connection = new Connection(1, channel, null, maxMessageBytes, maxOutboundBytes, 0);
            int fullest = -1;
            for (int queued = 0; queued <= connection.outboundBuffer.capacity(); queued++)
            {
                connection.outboundLength = queued;
                if (connection.hasRoom())
                {
                    fullest = queued;
                }
            }

            assertThat(fullest).as("the most queued with room for one more message").isEqualTo(maxOutboundBytes);
            assertThat(connection.outboundBuffer.capacity() - fullest)
                .isGreaterThanOrEqualTo(Connection.MAX_OUTBOUND_MESSAGE_BYTES + maxMessageBytes);
        }
    }
}
