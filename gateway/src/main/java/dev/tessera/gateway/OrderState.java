package dev.tessera.gateway;

/**
 * What an ExecutionReport needs to know about a live order that its events do not carry:
 * the order's attributes, and cumulative quantity and notional for CumQty and AvgPx. Pooled; kept a while
 * after the order is done (filled, cancelled, expired), with its final OrdStatus, for the rejects and status
 * reports that name it then.
 */
final class OrderState
{
    long orderId;
    long owner;
    /**
     * The ClOrdID its last report carried, by which the client knows the order (FIX 4.4): a replace's once replaced,
     * and once a cancel (or a replace to filled) ended it, the cancel's.
     */
    long clOrdId;
    /** When a cancel ended the order: the ClOrdID it had before, its last report's OrigClOrdID(41); else 0. */
    long origClOrdId;
    /**
     * The ClOrdID its last replace replaced, 0 when none (the live projection's, and a replace entered and not yet read
     * back: the ClOrdID it replaces). Kept once the order is done: {@link DoneOrders#findByReplacedClOrdId}.
     */
    long replacedClOrdId;
    /**
     * While live: the OrigClOrdID(41) its last replace's request named it by when that is not {@link #replacedClOrdId}
     * (a client that names the order by the last ClOrdID acknowledged, as FIX 4.4 has it, sends two replaces in a row
     * by the same one; the gateway enters the second by OrderID), else 0. The live projection's alone.
     */
    long replaceOrigClOrdId;
    /**
     * Whether the live projection applied a replace of this order (so what the scan of the journal before the
     * projection's start finds about its replaces is older news).
     */
    boolean replacedSinceStart;
    /** While the journal before the projection's start is scanned: the ClOrdID the order had at the scanned point. */
    long scannedClOrdId;
    /**
     * While live, in the order entry's projection: the ClOrdIDs it went by before its current one ({@link
     * EarlierClOrdIds}), as nodes linked oldest to newest; {@link EarlierClOrdIds#NO_NODE} for none.
     */
    int firstEarlierNode = EarlierClOrdIds.NO_NODE;
    int lastEarlierNode = EarlierClOrdIds.NO_NODE;
    /** The newest of them the scan of the journal before the projection's start found, older than the rest. */
    int lastScannedEarlierNode = EarlierClOrdIds.NO_NODE;
    int earlierClOrdIds;
    int instrumentId;
    char side;
    char ordType;
    char timeInForce;
    /** ExecInst(18)=6: a replace may not add or drop it, the engine's replace carries none. */
    boolean postOnly;
    long price;
    long orderQty;
    long cumQty;
    /** Sum of fill price * fill quantity, in the instrument's price units. */
    long notional;
    char ordStatus;
    /** The event that made the order done (event sequences start at 1); 0 while it is live. */
    long doneEventSequence;

    boolean done()
    {
        return doneEventSequence != 0;
    }

    long leavesQty()
    {
        return done() ? 0 : orderQty - cumQty;
    }

    /**
     * A new order's attributes, as its OrderAccepted, a snapshot or the entering gateway knows them; the enum
     * fields as the engine's codes, kept as the FIX characters (the engine numbers them as FIX does).
     */
    OrderState order(
        final long owner,
        final long clOrdId,
        final int instrumentId,
        final short side,
        final short ordType,
        final short timeInForce,
        final boolean postOnly,
        final long price,
        final long orderQty)
    {
        this.owner = owner;
        this.clOrdId = clOrdId;
        this.instrumentId = instrumentId;
        this.side = (char)('0' + side);
        this.ordType = (char)('0' + ordType);
        this.timeInForce = (char)('0' + timeInForce);
        this.postOnly = postOnly;
        this.price = price;
        this.orderQty = orderQty;
        return this;
    }

    OrderState reset()
    {
        orderId = 0;
        owner = 0;
        clOrdId = 0;
        origClOrdId = 0;
        replacedClOrdId = 0;
        replaceOrigClOrdId = 0;
        replacedSinceStart = false;
        scannedClOrdId = 0;
        // Released with the order (EarlierClOrdIds.release) before it is pooled: nothing left to give back here.
        firstEarlierNode = EarlierClOrdIds.NO_NODE;
        lastEarlierNode = EarlierClOrdIds.NO_NODE;
        lastScannedEarlierNode = EarlierClOrdIds.NO_NODE;
        earlierClOrdIds = 0;
        instrumentId = 0;
        side = 0;
        ordType = 0;
        timeInForce = 0;
        postOnly = false;
        price = 0;
        orderQty = 0;
        cumQty = 0;
        notional = 0;
        ordStatus = 0;
        doneEventSequence = 0;
        return this;
    }
}
