package dev.tessera.gateway;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The QuickFIX/J clients a test logs on, each with a store of its own under one directory; closed together. */
final class QuickFixClients implements AutoCloseable
{
    private final Path directory;
    private final List<QuickFixClient> clients = new ArrayList<>();

    QuickFixClients(final Path directory)
    {
        this.directory = directory;
    }

    QuickFixClient logon(final int port, final String compId, final String password) throws Exception
    {
        final QuickFixClient client = QuickFixClient.logon(port, compId, password,
            directory.resolve("qfj-" + compId + "-" + clients.size()));
        clients.add(client);
        return client;
    }

    @Override
    public void close()
    {
        clients.forEach(QuickFixClient::close);
        clients.clear();
    }
}
