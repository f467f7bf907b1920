package dev.tessera.gateway;

import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.MessageStoreFactory;
import quickfix.SLF4JLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.MsgType;
import quickfix.field.Password;
import quickfix.field.Text;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * QuickFIX/J as a trading client, configured as a firm would configure it for any FIX 4.4 venue:
 * its data dictionary validates everything the gateway sends (a missing required field or a bad
 * value is rejected by QuickFIX/J and fails the test), its file store keeps sequence numbers.
 */
final class QuickFixClient implements Application, AutoCloseable
{
    private final SessionID sessionId;
    private final String password;
    private final SocketInitiator initiator;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final List<Message> rejectsSentByUs = new ArrayList<>();
    private final List<String> adminTypesReceived = new ArrayList<>();
    private volatile boolean loggedOn;
    private volatile String logoutText;

    private QuickFixClient(final int port, final String senderCompId, final String password, final Path store,
        final boolean resetOnLogon) throws Exception
    {
        this.sessionId = new SessionID("FIX.4.4", senderCompId, "TESSERA");
        this.password = password;
        final SessionSettings settings = new SessionSettings();
        settings.setString("ConnectionType", "initiator");
        settings.setString("SocketConnectHost", "127.0.0.1");
        settings.setLong("SocketConnectPort", port);
        settings.setString("StartTime", "00:00:00");
        settings.setString("EndTime", "00:00:00");
        settings.setString("NonStopSession", "Y");
        settings.setLong("HeartBtInt", 30);
        settings.setLong("ReconnectInterval", 1);
        settings.setString("UseDataDictionary", "Y");
        settings.setString("DataDictionary", "FIX44.xml");
        settings.setString("ResetOnLogon", resetOnLogon ? "Y" : "N");
        settings.setString("FileStorePath", store.toString());
        settings.setString("ValidateUserDefinedFields", "Y");
        settings.setString("AllowUnknownMsgFields", "N");
        settings.setString(sessionId, "BeginString", "FIX.4.4");
        settings.setString(sessionId, "SenderCompID", senderCompId);
        settings.setString(sessionId, "TargetCompID", "TESSERA");
        final MessageStoreFactory storeFactory = new FileStoreFactory(settings);
        this.initiator = new SocketInitiator(this, storeFactory, settings, new SLF4JLogFactory(settings),
            new DefaultMessageFactory());
        initiator.start();
    }

    static QuickFixClient connect(final int port, final String senderCompId, final String password, final Path store,
        final boolean resetOnLogon) throws Exception
    {
        return new QuickFixClient(port, senderCompId, password, store, resetOnLogon);
    }

    /** Connects and waits for the logon to complete. */
    static QuickFixClient logon(final int port, final String senderCompId, final String password, final Path store)
        throws Exception
    {
        final QuickFixClient client = connect(port, senderCompId, password, store, true);
        client.awaitLoggedOn(Duration.ofSeconds(15));
        return client;
    }

    void awaitLoggedOn(final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!loggedOn && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        if (!loggedOn)
        {
            throw new AssertionError("not logged on within " + timeout + (logoutText == null ? "" : ": " + logoutText));
        }
    }

    boolean isLoggedOn()
    {
        return loggedOn;
    }

    String logoutText()
    {
        return logoutText;
    }

    Session session()
    {
        return Session.lookupSession(sessionId);
    }

    void send(final Message message)
    {
        if (!Session.lookupSession(sessionId).send(message))
        {
            throw new AssertionError("QuickFIX/J could not send " + message);
        }
    }

    /** The next application message of that type; messages of other types stay queued. */
    Message await(final String msgType) throws Exception
    {
        return await(message -> msgType.equals(typeOf(message)), Duration.ofSeconds(10));
    }

    Message await(final Predicate<Message> matching, final Duration timeout) throws Exception
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final List<Message> skipped = new ArrayList<>();
        try
        {
            while (true)
            {
                final long left = deadline - System.nanoTime();
                final Message message = received.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (message == null)
                {
                    throw new AssertionError("no matching message within " + timeout + "; got " + skipped);
                }
                if (matching.test(message))
                {
                    return message;
                }
                skipped.add(message);
            }
        }
        finally
        {
            final List<Message> rest = new ArrayList<>(skipped);
            received.drainTo(rest);
            received.addAll(rest);
        }
    }

    /** Application messages received and not taken yet. */
    List<Message> pending()
    {
        return new ArrayList<>(received);
    }

    /** Rejects QuickFIX/J sent back to the gateway: each is a message it found invalid. */
    List<Message> rejectsSent()
    {
        synchronized (rejectsSentByUs)
        {
            return new ArrayList<>(rejectsSentByUs);
        }
    }

    /** The MsgTypes of the session messages received from the gateway, in order. */
    List<String> adminTypesReceived()
    {
        synchronized (adminTypesReceived)
        {
            return new ArrayList<>(adminTypesReceived);
        }
    }

    static String typeOf(final Message message)
    {
        try
        {
            return message.getHeader().getString(MsgType.FIELD);
        }
        catch (final FieldNotFound e)
        {
            return "?";
        }
    }

    @Override
    public void onCreate(final SessionID id)
    {
    }

    @Override
    public void onLogon(final SessionID id)
    {
        loggedOn = true;
    }

    @Override
    public void onLogout(final SessionID id)
    {
        loggedOn = false;
    }

    @Override
    public void toAdmin(final Message message, final SessionID id)
    {
        final String type = typeOf(message);
        if ("A".equals(type) && password != null)
        {
            message.setField(new Password(password));
        }
        if ("3".equals(type))
        {
            synchronized (rejectsSentByUs)
            {
                rejectsSentByUs.add(message);
            }
        }
    }

    @Override
    public void fromAdmin(final Message message, final SessionID id) throws FieldNotFound
    {
        synchronized (adminTypesReceived)
        {
            adminTypesReceived.add(typeOf(message));
        }
        if ("5".equals(typeOf(message)) && message.isSetField(Text.FIELD))
        {
            logoutText = message.getString(Text.FIELD);
        }
    }

    @Override
    public void toApp(final Message message, final SessionID id)
    {
    }

    @Override
    public void fromApp(final Message message, final SessionID id)
    {
        received.add(message);
    }

    @Override
    public void close()
    {
        initiator.stop(true);
    }
}
