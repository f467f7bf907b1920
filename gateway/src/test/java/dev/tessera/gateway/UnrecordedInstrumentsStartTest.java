package dev.tessera.gateway;

import dev.tessera.fix.MsgTypes;
import dev.tessera.journal.JournalInstruments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.tessera.gateway.RawFixClient.TRANSACT_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * QA 123 F1: the first start of this build over a journal written before {@code instruments.txt} was kept took the
 * configuration's instruments as the journal's without a word, a changed priceScale with them (every resting order
 * repriced 100 times, and the right configuration refused ever after). The start says what it records.
 */
@Timeout(60)
class UnrecordedInstrumentsStartTest
{
    @TempDir
    Path directory;

    @Test
    void shouldSayWhatItRecordsAsTheJournalsInstrumentsWhenTheJournalHasNone() throws Exception
    {
        try (TestExchange exchange = TestExchange.start(directory, Map.of("gateway.cancelOnDisconnect", "false"));
            RawFixClient client = RawFixClient.loggedOn(exchange.port(), "CLIENT2", "client2-secret"))
        {
            client.send(MsgTypes.NEW_ORDER_SINGLE, "11=o1|55=AAPL|54=1|38=10|40=2|44=189.00|59=1" + TRANSACT_TIME);
            assertThat(client.await(msg -> "o1".equals(msg.get(11)), Duration.ofSeconds(10)).get(150)).isEqualTo("0");
        }
        final Path file = directory.resolve("journal").resolve(JournalInstruments.FILE);
        Files.delete(file); // as a journal of a build before the file has it

        final Map<String, String> otherScale = Map.of("instruments.AAPL.priceScale", "2");
        try (TestExchange exchange = TestExchange.start(directory, otherScale))
        {
            assertThat(exchange.log).as(String.join("\n", exchange.log)).anyMatch(line ->
                line.startsWith("journal: WARNING journal " + directory.resolve("journal") + " has records but no " +
                    "instruments.txt (written by a build before it was kept): this start records the configured " +
                    "instruments as the ones it was written with: AAPL (id 1) priceScale 2, MSFT (id 2) priceScale 4") &&
                line.endsWith("Check each priceScale (and symbol, by id) is the one the journal was written with"));
        }
        assertThat(Files.readAllLines(file)).contains("id=1 priceScale=2 symbol=AAPL");

        try (TestExchange exchange = TestExchange.start(directory, otherScale))
        {
            assertThat(exchange.log).as("recorded: nothing to say").noneMatch(line -> line.contains("instruments.txt"));
        }
    }
}
