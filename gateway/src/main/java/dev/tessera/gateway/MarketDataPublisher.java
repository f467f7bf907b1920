package dev.tessera.gateway;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.EventListener;
import dev.tessera.engine.MarketDepth;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.CancelRejectedDecoder;
import dev.tessera.engine.codec.EndOfDayCompletedDecoder;
import dev.tessera.engine.codec.MassCancelCompletedDecoder;
import dev.tessera.engine.codec.OrderAcceptedDecoder;
import dev.tessera.engine.codec.OrderCancelledDecoder;
import dev.tessera.engine.codec.OrderRejectedDecoder;
import dev.tessera.engine.codec.OrderReplacedDecoder;
import dev.tessera.engine.codec.ReplaceRejectedDecoder;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TradeDecoder;
import dev.tessera.fix.FieldType;
import dev.tessera.fix.FixEncoder;
import dev.tessera.fix.FixMessage;
import dev.tessera.fix.MsgTypes;
import dev.tessera.fix.Tags;
import dev.tessera.journal.JournalRecord;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * FIX market data from journaled events only: a replica of the books (the engine's own
 * {@link MatchingEngine#apply} over the journal), MarketDataRequest(V) answered with a
 * MarketDataSnapshotFullRefresh(W) of the top N levels (and the instrument's last trade when trades are asked for),
 * then MarketDataIncrementalRefresh(X) with the levels that changed (new, change, delete by price, each with its
 * MDEntryPositionNo) and the trades, once per journal batch.
 * Market data is not resent after a gap: a client that needs it again subscribes again.
 *
 * <p>A record's events are decoded once, by the books' {@link MatchingEngine#apply}, which hands each on to the report
 * projection ({@link #onRecord}) and its trades to this. Per record, an instrument no one subscribes to trades of
 * costs the books and its last trade only: what a later subscriber's snapshot needs.
 */
final class MarketDataPublisher
{
    /**
     * The fields FIX 4.4 marks required that a request must carry to be acted on (Reject 373=1 otherwise): MarketDepth
     * (264), which FIX 4.4 gives no default, and the groups NoMDEntryTypes(267) and NoRelatedSym(146). An end (263=2)
     * too: FIX 4.4 makes none of them conditional on SubscriptionRequestType, and a standard engine validating with
     * its FIX 4.4 dictionary (QuickFIX/J's) refuses a request without them whatever it asks for. An end reads none
     * of them: the MDReqID alone names what it ends.
     */
    private static final int[] MARKET_DATA_REQUEST_REQUIRED = {Tags.MD_REQ_ID, Tags.SUBSCRIPTION_REQUEST_TYPE,
        Tags.MARKET_DEPTH, Tags.NO_MD_ENTRY_TYPES, Tags.NO_RELATED_SYM};
    /**
     * The request's fields outside its repeating groups, each read once (Reject 373=13 when given twice): which of two
     * MDReqIDs or depths the client meant would be a guess, and a second count would disagree with the group. The
     * groups' own fields, MDEntryType(269) and Symbol(55), repeat once per entry.
     */
    private static final int[] MARKET_DATA_REQUEST_SINGLE = {Tags.MD_REQ_ID, Tags.SUBSCRIPTION_REQUEST_TYPE,
        Tags.MARKET_DEPTH, Tags.MD_UPDATE_TYPE, Tags.AGGREGATED_BOOK, Tags.NO_MD_ENTRY_TYPES, Tags.NO_RELATED_SYM};
    /**
     * The deepest book a request is served: its snapshot, some 4 KiB at this depth, fits a message and each
     * subscription's two copies of the book are fixed arrays. A deeper one, or the full book (MarketDepth 0), is
     * refused, not cut short: a client asking for the whole book would take level 51 for a new one when it came in.
     */
    static final int MAX_DEPTH = 50;
    private static final String UNSERVED_DEPTH = "MarketDepth(264) must be 1 to " + MAX_DEPTH +
        " price levels a side: a deeper book, or the full book (0), is not served";
    private static final String MARKET_DEPTH_FORMAT = "MarketDepth(264) must be a whole number";
    private static final String AGGREGATED_BOOK_FORMAT = "AggregatedBook(266) must be Y or N";
    /** Text(58) of the reject of a duplicate: the id itself is in MDReqID(262), as long as the client made it. */
    private static final String DUPLICATE_MD_REQ_ID = "duplicate MDReqID: a subscription under it is live; " +
        "end it with SubscriptionRequestType(263)=2 first";
    /**
     * Text(58) of the reject of an end (263=2) under an MDReqID that names no live subscription of the session. FIX 4.4
     * has no MDReqRejReason(281) for it (1, duplicate, says the opposite), so the reject carries none: it is optional.
     */
    private static final String NOT_SUBSCRIBED = "not subscribed: no live subscription of this session has this MDReqID";
    /** Text(58) of the reject of a subscription that asks for its updates as full refreshes (MDUpdateType 265=0). */
    private static final String FULL_REFRESH_UPDATES = "unsupported MDUpdateType: updates are " +
        "MarketDataIncrementalRefresh (X) only; send MDUpdateType(265)=1 or leave it out";
    /** No MDReqRejReason(281) on the reject. */
    private static final int NO_REASON = -1;

    /**
     * Bytes of entries in one MarketDataIncrementalRefresh: {@link FixSession#begin} guarantees 16 KiB of room (plus
     * an inbound message's worth, which the echoed MDReqID may take), and the header and MDReqID's tag need far less
     * than the 1 KiB left over.
     */
    static final int ENTRY_BYTES_PER_MESSAGE = 15 * 1024;
    /**
     * The longest entry but for its Symbol, a trade's: 279, 269, 55's tag, 270 with a sign, 19 digits and a point, 271
     * with a sign and 19 digits, 272 (YYYYMMDD) and 273 (HH:MM:SS.sss), each with its '=' and SOH. A level's has 290
     * with up to 2 digits (MAX_DEPTH) in place of 272 and 273.
     */
    private static final int MAX_ENTRY_BYTES = 6 + 6 + 4 + 26 + 25 + 13 + 17;
    /** An entry that is no level of the book (a trade): it carries no MDEntryPositionNo(290). */
    private static final int NO_POSITION = 0;
    /** An entry that is no trade: it carries no MDEntryDate(272) and MDEntryTime(273). */
    private static final long NO_TIME = 0;
    /** Both sides of a full-depth book changing at once (a delete and a new level per level), with no trade. */
    private static final int INITIAL_ENTRIES = 4 * MAX_DEPTH + 64;
    /** Longs per trade kept for the batch's updates. */
    private static final int TRADE_FIELDS = 4;
    /** No instrument id: ids are positive. */
    private static final int NO_INSTRUMENT = 0;

    private final Entries changes = new Entries();
    /** A session's subscriptions at most (gateway.maxMarketDataSubscriptions): each one is memory and work. */
    private final int maxSubscriptions;
    private final String tooManySubscriptions;
    private MatchingEngine books;
    private final Symbols symbols;
    private final RecordEvents recordEvents = new RecordEvents();
    private final List<Subscription> subscriptions = new ArrayList<>();
    /**
     * Trades of the current batch that a subscription wants ({@link InstrumentFeed#subscriptions}): instrument,
     * price, quantity and time, per trade.
     */
    private long[] trades = new long[TRADE_FIELDS * 64];
    private int tradeCount;
    /**
     * Each configured instrument's trades and subscriptions, for the snapshots and the updates: made up front, updated
     * in place.
     */
    private final Int2ObjectHashMap<InstrumentFeed> feeds = new Int2ObjectHashMap<>();
    /**
     * The instrument of the last event read and its {@link InstrumentFeed} (null: one the configuration leaves out):
     * a command's events are all of one instrument, and a stream of them mostly too, so the map is read only when the
     * instrument changes. The map is never changed after construction, so what was read stays right.
     */
    private int feedInstrumentId = NO_INSTRUMENT;
    private InstrumentFeed feed;
    /**
     * The instruments whose books the batch's events changed and that someone subscribes to: only their subscriptions
     * are compared at the batch's end. Visiting every subscription at every batch cost about 0.6 us each: a feed
     * handler subscribed to 2,000 symbols raised every member's order latency fivefold (QA 135 D1).
     */
    private InstrumentFeed[] touched = new InstrumentFeed[64];
    private int touchedCount;
    /**
     * Whether the trades before the projection's start are known: true when it started at the journal's beginning,
     * false from a snapshot (which holds no trades) until {@link DecidedClOrdIdScan} has read the journal before it.
     */
    private boolean earlierTradesRead = true;

    /** @param maxSubscriptions how many subscriptions, one per Symbol subscribed, a session may hold at once. */
    MarketDataPublisher(final List<InstrumentConfig> instruments, final Symbols symbols, final int maxSubscriptions)
    {
        this.books = new MatchingEngine(instruments);
        this.symbols = symbols;
        for (final InstrumentConfig instrument : instruments)
        {
            feeds.put(instrument.id(), new InstrumentFeed());
        }
        this.maxSubscriptions = maxSubscriptions;
        this.tooManySubscriptions = "a session holds at most " + maxSubscriptions + " market data subscriptions, " +
            "one per Symbol (gateway.maxMarketDataSubscriptions); end some with SubscriptionRequestType(263)=2 first";
    }

    /**
     * Takes {@code replica} (a snapshot's engine) as the books, before the journal after its record is fed. A snapshot
     * holds no trades: the last ones before it come from {@link #onEarlierTrade}, once {@link #onEarlierTradesRead}.
     */
    void startFrom(final MatchingEngine replica)
    {
        books = replica;
        earlierTradesRead = false;
    }

    /**
     * Applies the record's events to the books and takes its trades, in the one decode of the record that also hands
     * every event, once the books have it, to {@code projection} (the report projection: it reads no book).
     */
    void onRecord(final JournalRecord record, final EventListener projection)
    {
        recordEvents.projection = projection;
        books.apply(record.buffer(), record.eventsOffset(), record.eventsLength(), recordEvents);
    }

    /**
     * A trade in the journal before the projection's start (a snapshot), in journal order: the last one per
     * instrument is its last trade, unless one since the start is known already.
     */
    void onEarlierTrade(final TradeDecoder event)
    {
        final InstrumentFeed instrument = feeds.get(event.instrumentId());
        if (instrument != null)
        {
            instrument.earlier(event.price(), event.quantity(), event.timestamp());
        }
    }

    /** Every trade before the projection's start has been through {@link #onEarlierTrade}. */
    void onEarlierTradesRead()
    {
        earlierTradesRead = true;
    }

    /** The instrument's feed, {@code null} for one the configuration leaves out (see {@link #feed}). */
    private InstrumentFeed feed(final int instrumentId)
    {
        if (instrumentId != feedInstrumentId)
        {
            feed = feeds.get(instrumentId);
            feedInstrumentId = instrumentId;
        }
        return feed;
    }

    /** An event changed the instrument's book: its subscriptions are compared at the batch's end. */
    private void touch(final int instrumentId)
    {
        if (subscriptions.isEmpty())
        {
            return;
        }
        final InstrumentFeed instrument = feed(instrumentId);
        if (instrument == null || instrument.touched || instrument.subscribed.isEmpty())
        {
            return;
        }
        instrument.touched = true;
        if (touchedCount == touched.length)
        {
            touched = Arrays.copyOf(touched, 2 * touchedCount); // only at a new high of instruments in one batch
        }
        touched[touchedCount++] = instrument;
    }

    private void onTrade(final TradeDecoder event)
    {
        final int instrumentId = event.instrumentId();
        touch(instrumentId);
        final InstrumentFeed instrument = feed(instrumentId);
        if (instrument == null) // an instrument the configuration left out, which history may still name
        {
            return;
        }
        // With or without subscribers: a snapshot asked for later carries the last trade.
        instrument.since(event.price(), event.quantity(), event.timestamp());
        if (instrument.subscriptions == 0)
        {
            return;
        }
        final int at = TRADE_FIELDS * tradeCount;
        if (at + TRADE_FIELDS > trades.length)
        {
            trades = Arrays.copyOf(trades, 2 * trades.length);
        }
        trades[at] = instrumentId;
        trades[at + 1] = event.price();
        trades[at + 2] = event.quantity();
        trades[at + 3] = event.timestamp();
        tradeCount++;
    }

    /**
     * After a batch of records: each subscription to an instrument the batch changed gets the changes to its book and
     * the trades; the others have none.
     */
    void onBatchEnd()
    {
        for (int t = 0; t < touchedCount; t++)
        {
            final InstrumentFeed instrument = touched[t];
            touched[t] = null;
            instrument.touched = false;
            final List<Subscription> subscribed = instrument.subscribed;
            for (int i = subscribed.size() - 1; i >= 0; i--)
            {
                final Subscription subscription = subscribed.get(i);
                if (!subscription.session.isLoggedOn())
                {
                    unsubscribe(subscriptions.indexOf(subscription));
                    continue;
                }
                publishChanges(subscription);
            }
        }
        touchedCount = 0;
        tradeCount = 0;
    }

    /**
     * The NumInGroup field counts its group's entries (Reject 373=16 naming it otherwise): a count that disagrees
     * with the entries is a request built wrong, and which of the two the client meant would be a guess.
     */
    private static boolean checkGroupCount(final FixSession session, final FixMessage message, final int msgSeqNum,
        final int numInGroupTag, final int delimiterTag)
    {
        return session.rejectUnless(message.checkGroupCount(numInGroupTag, delimiterTag), message, msgSeqNum,
            "NoMDEntryTypes(267) and NoRelatedSym(146) must count their entries");
    }

    void onDisconnect(final FixSession session)
    {
        unsubscribe(session, null);
    }

    /**
     * Ends the session's subscriptions under {@code mdReqId} ({@code null}: all of the session's).
     *
     * @return whether there were any.
     */
    private boolean unsubscribe(final FixSession session, final DirectBuffer mdReqId)
    {
        boolean any = false;
        for (int i = subscriptions.size() - 1; i >= 0; i--)
        {
            final Subscription subscription = subscriptions.get(i);
            if (subscription.session == session && (mdReqId == null || subscription.mdReqId.equals(mdReqId)))
            {
                unsubscribe(i);
                any = true;
            }
        }
        return any;
    }

    private void unsubscribe(final int index)
    {
        final Subscription subscription = subscriptions.remove(index);
        subscription.feed.subscribed.remove(subscription);
        if (subscription.trades)
        {
            subscription.feed.subscriptions--;
        }
    }

    private void subscribe(final Subscription subscription)
    {
        subscriptions.add(subscription);
        subscription.feed.subscribed.add(subscription);
        if (subscription.trades)
        {
            subscription.feed.subscriptions++;
        }
    }

    void onRequest(final FixSession session, final FixMessage message, final int msgSeqNum)
    {
        if (!session.checkSingle(message, msgSeqNum, MARKET_DATA_REQUEST_SINGLE) ||
            !session.checkRequired(message, msgSeqNum, MARKET_DATA_REQUEST_REQUIRED) ||
            !checkGroupCount(session, message, msgSeqNum, Tags.NO_MD_ENTRY_TYPES, Tags.MD_ENTRY_TYPE) ||
            !checkGroupCount(session, message, msgSeqNum, Tags.NO_RELATED_SYM, Tags.SYMBOL) ||
            // Not a number is malformed, as a Price that is not one is; a number out of range is the venue's to refuse.
            !session.checkFormat(message, msgSeqNum, Tags.MARKET_DEPTH, FieldType.INT, MARKET_DEPTH_FORMAT) ||
            // Neither Y nor N is no Boolean (QA 117 C2): malformed, not a request for an order-by-order book.
            !session.checkFormat(message, msgSeqNum, Tags.AGGREGATED_BOOK, FieldType.BOOLEAN, AGGREGATED_BOOK_FORMAT))
        {
            return;
        }
        final int reqIdIndex = message.indexOf(Tags.MD_REQ_ID);
        // Whole: a client matches what comes back by it, and FIX sets no length (the framing's maxMessageBytes
        // bounds it). Cut short, two ids would be one, and the echo would match no request.
        // Its bytes, not a string: decoded as ASCII, every byte above 0x7F became one character, so two ids differing
        // only there were one (a duplicate refused, the other's subscription ended) and came back mangled.
        final byte[] reqIdBytes = new byte[message.valueLengthAt(reqIdIndex)];
        message.buffer().getBytes(message.valueOffsetAt(reqIdIndex), reqIdBytes);
        final DirectBuffer mdReqId = new UnsafeBuffer(reqIdBytes);
        final char requestType = message.charValue(Tags.SUBSCRIPTION_REQUEST_TYPE);
        if (requestType == '2')
        {
            // Ending nothing is answered: silence would leave the client believing it ended a subscription it named
            // wrong (or one that never began), while the one it meant goes on.
            if (!unsubscribe(session, mdReqId))
            {
                reject(session, mdReqId, NO_REASON, NOT_SUBSCRIBED);
            }
            return;
        }
        if (requestType != '0' && requestType != '1')
        {
            reject(session, mdReqId, 4, "unsupported SubscriptionRequestType: 0, 1 or 2");
            return;
        }
        // The updates of a subscription are incremental refreshes, never full ones: one that asked for full refreshes
        // would be acknowledged with a snapshot and then sent messages it did not ask for. A snapshot alone (263=0)
        // has no updates, so its MDUpdateType does not matter.
        if (requestType == '1' && message.hasField(Tags.MD_UPDATE_TYPE) && message.intValue(Tags.MD_UPDATE_TYPE) != 1)
        {
            reject(session, mdReqId, 6, FULL_REFRESH_UPDATES);
            return;
        }
        // The book is served by price level: one asked for order by order (AggregatedBook 266=N) would be answered
        // with levels it reads as single orders (QA 114 O1: it was ignored). A snapshot alone is such a book too.
        if (message.hasField(Tags.AGGREGATED_BOOK) && message.charValue(Tags.AGGREGATED_BOOK) != 'Y')
        {
            reject(session, mdReqId, 7, "unsupported AggregatedBook: the book is served by price level; send " +
                "AggregatedBook(266)=Y or leave it out");
            return;
        }
        // FIX: an MDReqID is unique while its subscription lives (263=2 names it to end it). A second one
        // under it would double every incremental, and a snapshot under it would read as the live one's.
        if (isSubscribed(session, mdReqId))
        {
            reject(session, mdReqId, 1, DUPLICATE_MD_REQ_ID);
            return;
        }
        final int marketDepth = message.intValue(Tags.MARKET_DEPTH);
        if (marketDepth < 1 || marketDepth > MAX_DEPTH || marketDepth == FixMessage.NULL_INT)
        {
            reject(session, mdReqId, 5, UNSERVED_DEPTH);
            return;
        }
        boolean bids = false;
        boolean offers = false;
        boolean tradesWanted = false;
        for (int i = 0; i < message.fieldCount(); i++)
        {
            if (message.tagAt(i) == Tags.MD_ENTRY_TYPE)
            {
                final char type = message.charValueAt(i);
                bids |= type == '0';
                offers |= type == '1';
                tradesWanted |= type == '2';
                if (type != '0' && type != '1' && type != '2')
                {
                    reject(session, mdReqId, 8, "unsupported MDEntryType: 0 (bid), 1 (offer) and 2 (trade)");
                    return;
                }
            }
        }
        if (!bids && !offers && !tradesWanted)
        {
            // NoMDEntryTypes(267)=0: a request for no entries at all. Serving bids and offers would be a guess.
            reject(session, mdReqId, 8, "NoMDEntryTypes(267) must name at least one MDEntryType(269): 0 (bid), " +
                "1 (offer) or 2 (trade)");
            return;
        }
        final List<InstrumentConfig> instruments = new ArrayList<>();
        for (int i = 0; i < message.fieldCount(); i++)
        {
            if (message.tagAt(i) == Tags.SYMBOL)
            {
                final InstrumentConfig instrument = symbols.bySymbol(message.buffer(), message.valueOffsetAt(i),
                    message.valueLengthAt(i));
                if (instrument == null)
                {
                    reject(session, mdReqId, 0, "unknown symbol " +
                        message.buffer().getStringWithoutLengthAscii(message.valueOffsetAt(i), message.valueLengthAt(i)));
                    return;
                }
                // The same Symbol twice is one subscription, or each change would come twice under one id.
                if (!instruments.contains(instrument))
                {
                    instruments.add(instrument);
                }
            }
        }
        if (instruments.isEmpty())
        {
            reject(session, mdReqId, 0, "no Symbol(55) in NoRelatedSym(146)");
            return;
        }
        // Each holds two copies of a book and its MDReqID, and every batch visits each on the gateway thread: a
        // client must not add them without end. Refused whole: part of a request would be a subscription the
        // client cannot tell apart from the whole. FIX 4.4 has no closer reason than 2, insufficient bandwidth.
        if (requestType == '1' && subscriptionCount(session) + instruments.size() > maxSubscriptions)
        {
            reject(session, mdReqId, 2, tooManySubscriptions);
            return;
        }
        for (final InstrumentConfig instrument : instruments)
        {
            final Subscription subscription = new Subscription(session, mdReqId, instrument,
                feeds.get(instrument.id()), marketDepth, bids, offers, tradesWanted);
            books.book(instrument.id()).copyDepth(subscription.sent);
            snapshot(subscription);
            if (requestType == '1')
            {
                subscribe(subscription);
            }
        }
    }

    private boolean isSubscribed(final FixSession session, final DirectBuffer mdReqId)
    {
        for (int i = 0; i < subscriptions.size(); i++)
        {
            final Subscription subscription = subscriptions.get(i);
            if (subscription.session == session && subscription.mdReqId.equals(mdReqId))
            {
                return true;
            }
        }
        return false;
    }

    int subscriptionCount()
    {
        return subscriptions.size();
    }

    private int subscriptionCount(final FixSession session)
    {
        int count = 0;
        for (int i = 0; i < subscriptions.size(); i++)
        {
            if (subscriptions.get(i).session == session)
            {
                count++;
            }
        }
        return count;
    }

    private void snapshot(final Subscription subscription)
    {
        final FixEncoder fix = subscription.session.begin(MsgTypes.MARKET_DATA_SNAPSHOT_FULL_REFRESH,
            SessionStore.NOT_RESENT);
        if (fix == null)
        {
            return;
        }
        final MarketDepth depth = subscription.sent;
        final int bidLevels = subscription.bids ? depth.levels(Side.BUY) : 0;
        final int askLevels = subscription.offers ? depth.levels(Side.SELL) : 0;
        final InstrumentFeed lastTrade = subscription.feed;
        final boolean withTrade = subscription.trades && lastTrade.known(earlierTradesRead);
        putMdReqId(fix, subscription.mdReqId)
            .putString(Tags.SYMBOL, subscription.instrument.symbol())
            .putInt(Tags.NO_MD_ENTRIES, bidLevels + askLevels + (withTrade ? 1 : 0));
        final int scale = subscription.instrument.priceScale();
        for (int i = 0; i < bidLevels; i++)
        {
            fix.putChar(Tags.MD_ENTRY_TYPE, '0')
                .putDecimal(Tags.MD_ENTRY_PX, depth.price(Side.BUY, i), scale)
                .putLong(Tags.MD_ENTRY_SIZE, depth.quantity(Side.BUY, i))
                .putInt(Tags.MD_ENTRY_POSITION_NO, i + 1);
        }
        for (int i = 0; i < askLevels; i++)
        {
            fix.putChar(Tags.MD_ENTRY_TYPE, '1')
                .putDecimal(Tags.MD_ENTRY_PX, depth.price(Side.SELL, i), scale)
                .putLong(Tags.MD_ENTRY_SIZE, depth.quantity(Side.SELL, i))
                .putInt(Tags.MD_ENTRY_POSITION_NO, i + 1);
        }
        if (withTrade)
        {
            // The last print, as venues put it in a snapshot: a subscriber to trades learns the last price at once
            // rather than at the next trade. Its time is the engine's stamp of the command that made it.
            final boolean since = lastTrade.sinceKnown;
            fix.putChar(Tags.MD_ENTRY_TYPE, '2')
                .putDecimal(Tags.MD_ENTRY_PX, since ? lastTrade.price : lastTrade.earlierPrice, scale)
                .putLong(Tags.MD_ENTRY_SIZE, since ? lastTrade.quantity : lastTrade.earlierQuantity)
                .putUtcDateAndTimeOnly(Tags.MD_ENTRY_DATE, Tags.MD_ENTRY_TIME,
                    since ? lastTrade.timestamp : lastTrade.earlierTimestamp);
        }
        subscription.session.commit();
    }

    private void publishChanges(final Subscription subscription)
    {
        final int instrumentId = subscription.instrument.id();
        books.book(instrumentId).copyDepth(subscription.next);
        final Entries entries = changes;
        entries.clear();
        if (subscription.bids)
        {
            diff(subscription, Side.BUY, entries);
        }
        if (subscription.offers)
        {
            diff(subscription, Side.SELL, entries);
        }
        if (subscription.trades)
        {
            for (int at = 0, end = TRADE_FIELDS * tradeCount; at < end; at += TRADE_FIELDS)
            {
                if (trades[at] == instrumentId)
                {
                    entries.add('0', '2', trades[at + 1], trades[at + 2], NO_POSITION, trades[at + 3]);
                }
            }
        }
        subscription.swap();
        // A batch may hold any number of trades, and a message is begun with room for ENTRY_BYTES_PER_MESSAGE
        // of entries: the changes go out in as many messages as they need, in order.
        final int perMessage = subscription.entriesPerMessage;
        final int scale = subscription.instrument.priceScale();
        for (int first = 0; first < entries.size; first += perMessage)
        {
            final int end = Math.min(entries.size, first + perMessage);
            final FixEncoder fix = subscription.session.begin(MsgTypes.MARKET_DATA_INCREMENTAL_REFRESH,
                SessionStore.NOT_RESENT);
            if (fix == null)
            {
                return; // disconnected as a slow consumer: nothing more goes to it
            }
            putMdReqId(fix, subscription.mdReqId).putInt(Tags.NO_MD_ENTRIES, end - first);
            for (int i = first; i < end; i++)
            {
                final char action = (char)entries.actions[i];
                fix.putChar(Tags.MD_UPDATE_ACTION, action)
                    .putChar(Tags.MD_ENTRY_TYPE, (char)entries.types[i])
                    .putString(Tags.SYMBOL, subscription.instrument.symbol())
                    .putDecimal(Tags.MD_ENTRY_PX, entries.prices[i], scale);
                if (action != '2')
                {
                    fix.putLong(Tags.MD_ENTRY_SIZE, entries.sizes[i]);
                }
                if (entries.types[i] == '2')
                {
                    // As on the snapshot's last trade: the engine's stamp of the command that made it.
                    fix.putUtcDateAndTimeOnly(Tags.MD_ENTRY_DATE, Tags.MD_ENTRY_TIME, entries.times[i]);
                }
                if (entries.positions[i] != NO_POSITION)
                {
                    fix.putInt(Tags.MD_ENTRY_POSITION_NO, entries.positions[i]);
                }
            }
            subscription.session.commit();
        }
    }

    /**
     * Compares what was sent with the book now, by price, and adds the entries that turn one into the other, each
     * with its MDEntryPositionNo(290) as FIX has a client apply them, in message order, to a book kept by position:
     * deletes first, deepest first, so each is at the position it had (none above it has gone yet); then changes
     * and new levels, best first, each at its position in the book now. After the deletes the levels left are the
     * ones the book now keeps, in its order, so once the entries above a level are applied the book above it is the
     * book now's: a new level goes in at its position, a changed one is there already. No level ever goes past the
     * depth, so a client that drops what a new level pushes beyond it never drops anything.
     */
    private static void diff(final Subscription subscription, final Side side, final Entries entries)
    {
        final MarketDepth sent = subscription.sent;
        final MarketDepth now = subscription.next;
        final char entryType = side == Side.BUY ? '0' : '1';
        for (int i = sent.levels(side) - 1; i >= 0; i--)
        {
            if (find(now, side, sent.price(side, i)) < 0)
            {
                entries.add('2', entryType, sent.price(side, i), 0, i + 1, NO_TIME);
            }
        }
        for (int i = 0; i < now.levels(side); i++)
        {
            final long price = now.price(side, i);
            final int before = find(sent, side, price);
            if (before < 0 || sent.quantity(side, before) != now.quantity(side, i))
            {
                entries.add(before < 0 ? '0' : '1', entryType, price, now.quantity(side, i), i + 1, NO_TIME);
            }
        }
    }

    private static int find(final MarketDepth depth, final Side side, final long price)
    {
        for (int i = 0; i < depth.levels(side); i++)
        {
            if (depth.price(side, i) == price)
            {
                return i;
            }
        }
        return -1;
    }

    private static FixEncoder putMdReqId(final FixEncoder fix, final DirectBuffer mdReqId)
    {
        return fix.putString(Tags.MD_REQ_ID, mdReqId, 0, mdReqId.capacity());
    }

    private static void reject(final FixSession session, final DirectBuffer mdReqId, final int reason, final String text)
    {
        final FixEncoder fix = session.begin(MsgTypes.MARKET_DATA_REQUEST_REJECT, SessionStore.MADE);
        if (fix != null)
        {
            putMdReqId(fix, mdReqId);
            if (reason != NO_REASON)
            {
                fix.putChar(Tags.MD_REQ_REJ_REASON, (char)('0' + reason));
            }
            fix.putString(Tags.TEXT, text);
            session.commit();
        }
    }

    /** The entries of one subscription's incremental refresh, before they are split into messages. */
    private static final class Entries
    {
        byte[] actions = new byte[INITIAL_ENTRIES];
        byte[] types = new byte[INITIAL_ENTRIES];
        long[] prices = new long[INITIAL_ENTRIES];
        long[] sizes = new long[INITIAL_ENTRIES];
        int[] positions = new int[INITIAL_ENTRIES];
        long[] times = new long[INITIAL_ENTRIES];
        int size;

        void clear()
        {
            size = 0;
        }

        void add(final char action, final char type, final long price, final long quantity, final int position,
            final long time)
        {
            if (size == actions.length)
            {
                // Only at a new high of trades in one batch: the steady state reuses the arrays.
                final int capacity = 2 * size;
                actions = Arrays.copyOf(actions, capacity);
                types = Arrays.copyOf(types, capacity);
                prices = Arrays.copyOf(prices, capacity);
                sizes = Arrays.copyOf(sizes, capacity);
                positions = Arrays.copyOf(positions, capacity);
                times = Arrays.copyOf(times, capacity);
            }
            actions[size] = (byte)action;
            types[size] = (byte)type;
            prices[size] = price;
            sizes[size] = quantity;
            positions[size] = position;
            times[size] = time;
            size++;
        }
    }

    /**
     * An instrument as market data needs it: its subscriptions, whether the batch changed its book, and its trades. Its
     * last trade: the one read since the projection's start wins; the one before it (read from the journal before a
     * snapshot, by {@link DecidedClOrdIdScan}) counts only when none came since and that read is done. And how many
     * subscriptions want its trades as they come: with none, a trade is not kept for the batch's updates.
     */
    private static final class InstrumentFeed
    {
        /** Its subscriptions, also in {@link #subscriptions}: the batch's end visits those of changed books only. */
        final List<Subscription> subscribed = new ArrayList<>();
        /** Whether the current batch changed its book, and it is in {@link #touched}. */
        boolean touched;
        int subscriptions;
        boolean sinceKnown;
        long price;
        long quantity;
        long timestamp;
        boolean earlierKnown;
        long earlierPrice;
        long earlierQuantity;
        long earlierTimestamp;

        void since(final long price, final long quantity, final long timestamp)
        {
            sinceKnown = true;
            this.price = price;
            this.quantity = quantity;
            this.timestamp = timestamp;
        }

        void earlier(final long price, final long quantity, final long timestamp)
        {
            earlierKnown = true;
            earlierPrice = price;
            earlierQuantity = quantity;
            earlierTimestamp = timestamp;
        }

        /** @param earlierRead whether every trade before the projection's start has been read. */
        boolean known(final boolean earlierRead)
        {
            return sinceKnown || (earlierRead && earlierKnown);
        }
    }

    private static final class Subscription
    {
        final FixSession session;
        /** As the client sent it, byte for byte (compared by content). */
        final DirectBuffer mdReqId;
        final InstrumentConfig instrument;
        final InstrumentFeed feed;
        final boolean bids;
        final boolean offers;
        final boolean trades;
        /** Entries that fit the room a message is begun with, however long the symbol (config bounds it). */
        final int entriesPerMessage;
        MarketDepth sent;
        MarketDepth next;

        Subscription(final FixSession session, final DirectBuffer mdReqId, final InstrumentConfig instrument,
            final InstrumentFeed feed, final int depth, final boolean bids, final boolean offers,
            final boolean trades)
        {
            this.session = session;
            this.mdReqId = mdReqId;
            this.instrument = instrument;
            this.feed = feed;
            this.bids = bids;
            this.offers = offers;
            this.trades = trades;
            this.entriesPerMessage = Math.max(1, ENTRY_BYTES_PER_MESSAGE / (MAX_ENTRY_BYTES + instrument.symbol().length()));
            this.sent = new MarketDepth(depth);
            this.next = new MarketDepth(depth);
        }

        void swap()
        {
            final MarketDepth previous = sent;
            sent = next;
            next = previous;
        }
    }

    /**
     * A record's events as the books' {@link MatchingEngine#apply} hands them on: each to the projection, and a trade
     * to {@link #onTrade} too.
     */
    private final class RecordEvents implements EventListener
    {
        EventListener projection;

        @Override
        public void onOrderAccepted(final OrderAcceptedDecoder event)
        {
            projection.onOrderAccepted(event);
            touch(event.instrumentId());
        }

        @Override
        public void onOrderRejected(final OrderRejectedDecoder event)
        {
            projection.onOrderRejected(event);
        }

        @Override
        public void onTrade(final TradeDecoder event)
        {
            projection.onTrade(event);
            MarketDataPublisher.this.onTrade(event);
        }

        @Override
        public void onOrderCancelled(final OrderCancelledDecoder event)
        {
            projection.onOrderCancelled(event);
            touch(event.instrumentId());
        }

        @Override
        public void onOrderReplaced(final OrderReplacedDecoder event)
        {
            projection.onOrderReplaced(event);
            touch(event.instrumentId());
        }

        @Override
        public void onCancelRejected(final CancelRejectedDecoder event)
        {
            projection.onCancelRejected(event);
        }

        @Override
        public void onReplaceRejected(final ReplaceRejectedDecoder event)
        {
            projection.onReplaceRejected(event);
        }

        @Override
        public void onMassCancelCompleted(final MassCancelCompletedDecoder event)
        {
            projection.onMassCancelCompleted(event);
        }

        @Override
        public void onEndOfDayCompleted(final EndOfDayCompletedDecoder event)
        {
            projection.onEndOfDayCompleted(event);
        }
    }
}
