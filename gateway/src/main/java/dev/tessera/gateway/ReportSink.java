package dev.tessera.gateway;

import dev.tessera.fix.FixEncoder;

/**
 * Where {@link ExecutionReportPublisher} sends a report: the live sessions, a catch-up after logon,
 * or a resend. The publisher asks first, so reports nobody wants are never encoded.
 */
interface ReportSink
{
    /**
     * @param owner         whose report it is
     * @param msgType       ExecutionReport, OrderCancelReject or OrderMassCancelReport
     * @param eventSequence the journaled event it is made from
     * @param role          {@link SessionStore#ROLE_REPORT}, {@link SessionStore#ROLE_MAKER} or {@link SessionStore#ROLE_TAKER}
     * @param transactTime  the event's time
     * @return an encoder with the header written, to add the body to, or {@code null} to skip it
     */
    FixEncoder begin(long owner, int msgType, long eventSequence, int role, long transactTime);

    /** The report begun last is complete. */
    void commit();
}
