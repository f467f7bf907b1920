package dev.tessera.journal;

/** Receives verified journal records in order; the record is a flyweight valid only during the call. */
@FunctionalInterface
public interface JournalRecordHandler
{
    void onRecord(JournalRecord record);
}
