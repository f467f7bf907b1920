package dev.tessera.journal;

/**
 * Where a journal stands after its last good record: what a writer continues from and what a
 * snapshot records it covers.
 *
 * @param index             Chronicle index of the record, -1 for none
 * @param recordSequence    record sequence of the record, 0 for none
 * @param chainHash         chain hash after the record, {@link JournalChain#GENESIS} for none
 * @param lastEventSequence engine event sequence after the record
 * @param commandSequence   sequence of the record's command, 0 for none
 */
public record JournalPosition(
    long index, long recordSequence, long chainHash, long lastEventSequence, long commandSequence)
{
    public static final JournalPosition EMPTY = new JournalPosition(-1, 0, JournalChain.GENESIS, 0, 0);
}
