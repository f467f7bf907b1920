package dev.tessera.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import com.typesafe.config.ConfigValueFactory;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds an {@link ExchangeConfig} from layers, highest precedence first: the override map,
 * {@code tessera.}-prefixed JVM system properties, the user's file, and the embedded
 * {@code reference.conf}. Everything is validated before anything is returned, and every
 * problem is reported at once in a {@link ConfigValidationException}.
 */
public final class ExchangeConfigLoader
{
    private static final String REFERENCE = "reference.conf";
    private static final String SYSTEM_PROPERTY_PREFIX = "tessera.";

    private static final Set<String> TOP_KEYS = Set.of("instruments", "defaults", "journal", "gateway", "pipeline",
        "trading");
    private static final Set<String> DEFAULTS_KEYS = Set.of("instrument", "session");
    private static final Set<String> INSTRUMENT_KEYS = Set.of("symbol", "id", "priceScale", "tickSize", "lotSize",
        "minQuantity", "maxQuantity", "referencePrice", "priceBandBps", "selfTradePrevention");
    private static final Set<String> INSTRUMENT_IDENTITY_KEYS = Set.of("symbol", "id");
    private static final Set<String> SESSION_KEYS = Set.of("compId", "ownerId", "username", "password",
        "throttleMessagesPerSecond", "floodLogoutMultiple");
    private static final Set<String> SESSION_IDENTITY_KEYS = Set.of("compId", "ownerId");
    private static final Set<String> JOURNAL_KEYS = Set.of("directory", "rollCycle", "durability",
        "snapshotDirectory", "snapshotIntervalRecords", "snapshotsToKeep", "archiveDirectory", "prefault");
    private static final Set<String> GATEWAY_KEYS = Set.of("host", "port", "compId", "maxHeartbeatIntervalSeconds",
        "maxMessageBytes", "cancelOnDisconnect", "sessions", "stateDirectory", "maxOutboundBytes",
        "doneOrders", "maxMarketDataSubscriptions");
    private static final String RETIRED_HEARTBEAT_KEY = "heartbeatIntervalSeconds";
    private static final Set<String> GATEWAY_KEYS_AND_RETIRED =
        Stream.concat(GATEWAY_KEYS.stream(), Stream.of(RETIRED_HEARTBEAT_KEY)).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> PIPELINE_KEYS = Set.of("ringSize", "waitStrategy");
    private static final Set<String> TRADING_KEYS = Set.of("dayEnd");

    private ExchangeConfigLoader()
    {
    }

    /**
     * Loads the configuration.
     *
     * @param userFileOrNull a HOCON file overriding the embedded defaults, or null for none
     * @param overrides highest-precedence values by key path ({@code gateway.port -> 9999});
     *     a value starting with {@code [} or <code>{</code> is parsed as HOCON, anything else
     *     is taken as literal text and converted like a value written in the file
     * @throws ConfigValidationException listing every problem found
     */
    public static ExchangeConfig load(final Path userFileOrNull, final Map<String, String> overrides)
    {
        Objects.requireNonNull(overrides, "overrides");
        final Problems problems = new Problems();
        final Config reference = reference();
        final List<InstrumentOverride> systemByInstrument = new ArrayList<>();
        final List<InstrumentOverride> overridesByInstrument = new ArrayList<>();
        final Config overrideLayer = layer(overrides, "override ", reference, overridesByInstrument, problems);
        final Config systemLayer = layer(systemPropertyOverrides(), "system property " + SYSTEM_PROPERTY_PREFIX,
            reference, systemByInstrument, problems);
        final Config fileLayer = userFile(userFileOrNull, problems);
        // Syntax errors make the rest meaningless: the merged tree would be missing whole parts.
        problems.throwIfAny();
        Config merged = overrideLayer.withFallback(systemLayer).withFallback(fileLayer).withFallback(reference);
        // Into the instruments as merged (the file's or the defaults'), system properties first, as layers are.
        systemByInstrument.addAll(overridesByInstrument);
        merged = withInstrumentOverrides(merged, systemByInstrument, problems);
        problems.throwIfAny();
        return bind(merged);
    }

    /**
     * A key of one instrument named by its symbol, {@code instruments.BTC-USD.selfTradePrevention}: a key path cannot
     * reach into the list, and a what-if turning a setting off everywhere must reach an instrument that sets it itself
     * (QA 95: {@code defaults.instrument.selfTradePrevention=none} left BTC-USD's own {@code cancel-both}).
     */
    private record InstrumentOverride(String symbol, String key, String value, String origin)
    {
    }

    /** {@code instruments.<symbol>.<key>} as an {@link InstrumentOverride}, or null for any other key path. */
    private static InstrumentOverride instrumentOverride(final String path, final String value, final String origin)
    {
        final String prefix = "instruments.";
        final int lastDot = path.lastIndexOf('.');
        if (!path.startsWith(prefix) || lastDot <= prefix.length())
        {
            return null;
        }
        final String symbol = path.substring(prefix.length(), lastDot);
        // instruments.0.tickSize is a list index, which stays refused: the order of a list is no name.
        return symbol.chars().allMatch(Character::isDigit) ? null :
            new InstrumentOverride(symbol, path.substring(lastDot + 1), value, origin);
    }

    private static Config withInstrumentOverrides(
        final Config merged, final List<InstrumentOverride> overrides, final Problems problems)
    {
        if (overrides.isEmpty())
        {
            return merged;
        }
        if (!merged.hasPath("instruments") || merged.getValue("instruments").valueType() != ConfigValueType.LIST)
        {
            problems.add(overrides.get(0).origin() + ": there is no list of instruments to set it in");
            return merged;
        }
        final List<ConfigValue> elements = new ArrayList<>(merged.getList("instruments"));
        for (final InstrumentOverride override : overrides)
        {
            if (INSTRUMENT_IDENTITY_KEYS.contains(override.key()))
            {
                problems.add(override.origin() + ": an instrument's " + override.key() + " is what names it; give the " +
                    "whole list (instruments=[{...}, ...]) or put it in a --config file");
                continue;
            }
            final int index = indexOfSymbol(elements, override.symbol());
            if (index < 0)
            {
                problems.add(override.origin() + ": no instrument has the symbol " + override.symbol() + " (the " +
                    "instruments are " + symbols(elements, override.symbol()) + ")");
                continue;
            }
            elements.set(index, ((ConfigObject)elements.get(index))
                .withValue(override.key(), overrideValue(override.value(), override.origin())));
        }
        return merged.withValue("instruments", ConfigValueFactory.fromIterable(elements));
    }

    private static int indexOfSymbol(final List<ConfigValue> elements, final String symbol)
    {
        for (int i = 0; i < elements.size(); i++)
        {
            if (symbol.equals(symbolOf(elements.get(i))))
            {
                return i;
            }
        }
        return -1;
    }

    private static String symbols(final List<ConfigValue> elements, final String wanted)
    {
        final List<String> symbols = elements.stream().map(ExchangeConfigLoader::symbolOf).filter(Objects::nonNull)
            .toList();
        return SymbolList.describe(symbols, Function.identity(), Function.identity(), wanted);
    }

    /** An instrument element's symbol as given, or null for an element without one (validation names it). */
    private static String symbolOf(final ConfigValue element)
    {
        return element instanceof ConfigObject object && object.get("symbol") != null ?
            String.valueOf(object.get("symbol").unwrapped()) : null;
    }

    /** The embedded defaults alone: no file, no overrides, no system properties. */
    public static ExchangeConfig defaults()
    {
        return bind(reference());
    }

    private static Config reference()
    {
        try
        {
            // Explicitly this file, not ConfigFactory.load(): that would pull in every system
            // property and application.conf on the classpath.
            return ConfigFactory.parseURL(referenceUrl(), ConfigParseOptions.defaults().setAllowMissing(false));
        }
        catch (final ConfigException e)
        {
            throw new ConfigValidationException(List.of("the embedded " + REFERENCE + " is unusable: " + e.getMessage()));
        }
    }

    /**
     * The reference.conf next to this class, in the same jar or classes directory. Looking it up
     * by name alone would find, or with Typesafe's parseResources merge, any other reference.conf
     * on the classpath, and its keys would then be reported as unknown.
     */
    private static URL referenceUrl()
    {
        final String classFile = ExchangeConfigLoader.class.getName().replace('.', '/') + ".class";
        final URL classUrl = ExchangeConfigLoader.class.getResource("/" + classFile);
        if (classUrl != null && classUrl.toString().endsWith(classFile))
        {
            final String base = classUrl.toString();
            try
            {
                return new URL(base.substring(0, base.length() - classFile.length()) + REFERENCE);
            }
            catch (final MalformedURLException e)
            {
                // Unusual class loader: fall through to the plain lookup.
            }
        }
        final URL url = ExchangeConfigLoader.class.getResource("/" + REFERENCE);
        if (url == null)
        {
            throw new ConfigValidationException(List.of("the embedded " + REFERENCE + " is missing from the classpath"));
        }
        return url;
    }

    /**
     * Whether a value was set by the embedded defaults, not by the user: a rule that fails on such a value only with
     * the user's others (a default maxQuantity at the user's price band) names no origin, as the build's own
     * reference.conf is no place for the user to go and change.
     */
    static boolean isEmbeddedDefault(final ConfigOrigin origin)
    {
        return origin != null && origin.url() != null && origin.url().toString().equals(referenceUrl().toString());
    }

    private static Config userFile(final Path file, final Problems problems)
    {
        if (file == null)
        {
            return ConfigFactory.empty();
        }
        // Absolute, so a wrong working directory shows in the message.
        final Path absolute = file.toAbsolutePath().normalize();
        if (!Files.exists(absolute))
        {
            problems.add("config file " + absolute + " does not exist");
            return ConfigFactory.empty();
        }
        if (!Files.isRegularFile(absolute))
        {
            problems.add("config file " + absolute + " is not a regular file");
            return ConfigFactory.empty();
        }
        try
        {
            // Every include must name something that is there (QA 102 #2); the embedded reference.conf keeps
            // Typesafe's includer, parsed on its own.
            return ConfigFactory.parseFile(absolute.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)
                .setIncluder(new RequiredIncluder(absolute, problems)));
        }
        catch (final ConfigException e)
        {
            problems.add(parseProblem(e));
            return ConfigFactory.empty();
        }
    }

    private static Map<String, String> systemPropertyOverrides()
    {
        final Properties properties = System.getProperties();
        final Map<String, String> overrides = new TreeMap<>();
        for (final String name : properties.stringPropertyNames())
        {
            if (name.startsWith(SYSTEM_PROPERTY_PREFIX))
            {
                overrides.put(name.substring(SYSTEM_PROPERTY_PREFIX.length()), properties.getProperty(name));
            }
        }
        return overrides;
    }

    /**
     * One layer from key-path/value pairs. Keys are applied in sorted order, so a specific key
     * ({@code gateway.port}) wins over an object given for its parent ({@code gateway}).
     */
    private static Config layer(final Map<String, String> entries, final String originPrefix, final Config reference,
        final List<InstrumentOverride> byInstrument, final Problems problems)
    {
        Config layer = ConfigFactory.empty();
        for (final Map.Entry<String, String> entry : new TreeMap<>(entries).entrySet())
        {
            final String origin = originPrefix + entry.getKey();
            if (entry.getValue() == null)
            {
                problems.add(origin + " has no value");
                continue;
            }
            final String list = listOnPath(entry.getKey(), reference);
            final InstrumentOverride instrument = "instruments".equals(list) ?
                instrumentOverride(entry.getKey(), entry.getValue(), origin) : null;
            if (instrument != null)
            {
                byInstrument.add(instrument);
                continue;
            }
            if (list != null)
            {
                // HOCON would turn the list into an object with a key "0", and the error would name neither.
                problems.add(origin + ": " + list + " is a list, and a key path cannot reach into one; give the " +
                    "whole list (" + list + "=[{...}, ...]) or put it in a --config file" + ("instruments".equals(list) ?
                    ", or name an instrument by its symbol (instruments.AAPL.tickSize=0.01)" : ""));
                continue;
            }
            try
            {
                layer = layer.withValue(entry.getKey(), overrideValue(entry.getValue(), origin));
            }
            catch (final ConfigException.BadPath e)
            {
                problems.add(origin + " is not a valid key path: " + e.getMessage());
            }
            catch (final ConfigException e)
            {
                problems.add(parseProblem(e));
            }
        }
        return layer;
    }

    /**
     * The list (in the embedded defaults) that {@code key} leads into, as in {@code instruments.0.tickSize} or, as
     * validation names an element, {@code instruments[0].tickSize}; or null.
     */
    private static String listOnPath(final String key, final Config reference)
    {
        final int bracket = key.indexOf('[');
        if (bracket > 0 && isList(key.substring(0, bracket), reference))
        {
            return key.substring(0, bracket);
        }
        for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1))
        {
            if (isList(key.substring(0, dot), reference))
            {
                return key.substring(0, dot);
            }
        }
        return null;
    }

    private static boolean isList(final String path, final Config reference)
    {
        try
        {
            return reference.hasPath(path) && reference.getValue(path).valueType() == ConfigValueType.LIST;
        }
        catch (final ConfigException e)
        {
            return false; // not a valid path: the layer's own parsing reports it
        }
    }

    private static ConfigValue overrideValue(final String text, final String origin)
    {
        final String trimmed = text.strip();
        // Only structured values are parsed: parsing every value as HOCON would turn a path
        // like "data//journal" into "data" followed by a comment.
        if (trimmed.startsWith("[") || trimmed.startsWith("{"))
        {
            final Config parsed = ConfigFactory.parseString("value = " + text,
                ConfigParseOptions.defaults().setOriginDescription(origin));
            return parsed.root().get("value");
        }
        return ConfigValueFactory.fromAnyRef(text, origin);
    }

    private static String parseProblem(final ConfigException e)
    {
        // Typesafe's own message already starts with the origin: "file.conf: 3: Expecting ...". For an object whose
        // '{' is never closed it asks for "a close parentheses ')'" (QA 95): HOCON has none, the brace is meant.
        return e instanceof ConfigException.Parse ? "syntax error at " + e.getMessage()
            .replace("expecting a close parentheses ')' here", "expecting the '}' that closes an object here") :
            e.getMessage();
    }

    private static ExchangeConfig bind(final Config layered)
    {
        final Config resolved;
        try
        {
            resolved = layered.resolve();
        }
        catch (final ConfigException e)
        {
            throw new ConfigValidationException(List.of(e.getMessage()));
        }
        final Problems problems = new Problems();
        final Section root = Section.root(resolved.root(), problems);
        root.rejectUnknownKeys(TOP_KEYS);

        Section instrumentDefaults = null;
        Section sessionDefaults = null;
        final Section defaults = root.section("defaults");
        if (defaults != null)
        {
            defaults.rejectUnknownKeys(DEFAULTS_KEYS);
            instrumentDefaults = defaults.section("instrument");
            sessionDefaults = defaults.section("session");
        }
        if (instrumentDefaults != null)
        {
            instrumentDefaults.rejectUnknownKeys(INSTRUMENT_KEYS);
            instrumentDefaults.rejectKeys(INSTRUMENT_IDENTITY_KEYS, "cannot have a default, every instrument needs its own");
        }
        if (sessionDefaults != null)
        {
            sessionDefaults.rejectUnknownKeys(SESSION_KEYS);
            sessionDefaults.rejectKeys(SESSION_IDENTITY_KEYS, "cannot have a default, every session needs its own");
        }

        final List<InstrumentConfig> instruments = instruments(root, instrumentDefaults, problems);
        final JournalConfig journal = journal(root.section("journal"), problems);
        final GatewayConfig gateway = gateway(root.section("gateway"), sessionDefaults, problems);
        final PipelineConfig pipeline = pipeline(root.section("pipeline"), problems);
        final TradingConfig trading = trading(root.section("trading"), problems);
        if (journal != null && gateway != null)
        {
            directoriesOutsideJournal(root.path(), journal, gateway, problems);
        }
        problems.throwIfAny();
        return new ExchangeConfig(instruments, journal, gateway, pipeline, trading);
    }

    private static List<InstrumentConfig> instruments(
        final Section root, final Section defaults, final Problems problems)
    {
        final List<Section> elements = root.list("instruments", defaults);
        if (elements == null)
        {
            return List.of();
        }
        final List<InstrumentConfig> instruments = new ArrayList<>();
        final List<String> symbols = new ArrayList<>();
        final List<Integer> ids = new ArrayList<>();
        for (final Section element : elements)
        {
            if (element == null)
            {
                symbols.add(null);
                ids.add(null);
                continue;
            }
            element.rejectUnknownKeys(INSTRUMENT_KEYS);
            final String symbol = element.string("symbol");
            final Integer id = element.integer("id");
            final Integer priceScale = element.integer("priceScale", 0, FixedPoint.MAX_SCALE);
            final Integer usableScale = priceScale != null && FixedPoint.isValidScale(priceScale) ? priceScale : null;
            final Long tickSize = element.price("tickSize", usableScale);
            final Long lotSize = element.longInteger("lotSize");
            final Long minQuantity = element.longInteger("minQuantity");
            final Long maxQuantity = element.longInteger("maxQuantity");
            final Long referencePrice = element.price("referencePrice", usableScale);
            final Integer priceBandBps = element.integer("priceBandBps", 0, Rules.MAX_PRICE_BAND_BPS);
            final SelfTradePrevention selfTradePrevention = element.choice("selfTradePrevention", SelfTradePrevention.class);
            Rules.instrument(problems, element.path(), symbol, id, priceScale, tickSize, lotSize, minQuantity,
                maxQuantity, referencePrice, priceBandBps);
            symbols.add(symbol);
            ids.add(id);
            // Once anything is wrong the result is thrown away, and values may be missing.
            if (problems.reported() == 0)
            {
                instruments.add(new InstrumentConfig(symbol, id, priceScale, tickSize, lotSize, minQuantity,
                    maxQuantity, referencePrice, priceBandBps, selfTradePrevention));
            }
        }
        Rules.instruments(problems, Rules.join(root.path(), "instruments"), symbols, ids);
        return instruments;
    }

    private static JournalConfig journal(final Section journal, final Problems problems)
    {
        if (journal == null)
        {
            return null;
        }
        journal.rejectUnknownKeys(JOURNAL_KEYS);
        final String directory = journal.string("directory");
        final String rollCycle = journal.name("rollCycle", Rules.ROLL_CYCLES);
        final Durability durability = journal.choice("durability", Durability.class);
        final String snapshotDirectory = journal.string("snapshotDirectory");
        final Long snapshotIntervalRecords = journal.longInteger("snapshotIntervalRecords");
        final Integer snapshotsToKeep = journal.integer("snapshotsToKeep");
        final String archiveDirectory = journal.string("archiveDirectory");
        final Prefault prefault = journal.choice("prefault", Prefault.class);
        final Path directoryPath = path(journal, "directory", directory, problems);
        final Path snapshotPath = path(journal, "snapshotDirectory", snapshotDirectory, problems);
        final Path archivePath = path(journal, "archiveDirectory", archiveDirectory, problems);
        Rules.journal(problems, journal.path(), directory, rollCycle, snapshotDirectory, snapshotIntervalRecords,
            snapshotsToKeep, archiveDirectory);
        if (problems.reported() != 0)
        {
            return null;
        }
        return new JournalConfig(directoryPath, rollCycle, durability, snapshotPath, snapshotIntervalRecords,
            snapshotsToKeep, archivePath, prefault);
    }

    private static void directoriesOutsideJournal(
        final String rootPath, final JournalConfig journal, final GatewayConfig gateway, final Problems problems)
    {
        final String journalKey = Rules.join(Rules.join(rootPath, "journal"), "directory");
        final String directory = journal.directory().toString();
        Rules.outsideJournal(problems, journalKey, directory, Rules.join(Rules.join(rootPath, "journal"),
            "snapshotDirectory"), journal.snapshotDirectory().toString(), "the snapshots");
        Rules.outsideJournal(problems, journalKey, directory, Rules.join(Rules.join(rootPath, "gateway"),
            "stateDirectory"), gateway.stateDirectory().toString(), "the session state (every session's MsgSeqNums)");
        final String archive = journal.archiveDirectory().toString();
        if (!Rules.samePath(archive, directory)) // refused as such by Rules.journal
        {
            Rules.outsideJournal(problems, journalKey, directory, Rules.join(Rules.join(rootPath, "journal"),
                "archiveDirectory"), archive, "the archived cycle files");
        }
    }

    /** A path key as a {@link Path}, or {@code null} (reported) when the text is not a valid path. */
    private static Path path(final Section section, final String key, final String text, final Problems problems)
    {
        if (text == null)
        {
            return null;
        }
        try
        {
            return Path.of(text);
        }
        catch (final InvalidPathException e)
        {
            problems.add(Rules.join(section.path(), key) + " is not a valid path, got "
                + Rules.quote(text) + ": " + e.getReason());
            return null;
        }
    }

    private static GatewayConfig gateway(final Section gateway, final Section sessionDefaults, final Problems problems)
    {
        if (gateway == null)
        {
            return null;
        }
        gateway.rejectUnknownKeys(GATEWAY_KEYS_AND_RETIRED);
        // It was read and printed, never used (QA 96): a configuration that sets it meant something it never did.
        gateway.rejectKeys(Set.of(RETIRED_HEARTBEAT_KEY), "is no longer a setting: it was never used, as each session " +
            "takes the HeartBtInt(108) its client's Logon asks for; gateway.maxHeartbeatIntervalSeconds bounds that " +
            "(default 300)");
        final String host = gateway.string("host");
        final Integer port = gateway.integer("port", 0, Rules.MAX_PORT);
        final String compId = gateway.string("compId");
        final Integer maxHeartbeatIntervalSeconds = gateway.integer("maxHeartbeatIntervalSeconds");
        final Integer maxMessageBytes = gateway.integer("maxMessageBytes");
        final Boolean cancelOnDisconnect = gateway.bool("cancelOnDisconnect");
        final String stateDirectory = gateway.string("stateDirectory");
        final Path statePath = path(gateway, "stateDirectory", stateDirectory, problems);
        final Integer maxOutboundBytes = gateway.integer("maxOutboundBytes");
        final Integer doneOrders = gateway.integer("doneOrders", 0, Rules.MAX_DONE_ORDERS);
        final Integer maxMarketDataSubscriptions = gateway.integer("maxMarketDataSubscriptions", 0,
            Rules.MAX_MARKET_DATA_SUBSCRIPTIONS);
        final List<Section> elements = gateway.list("sessions", sessionDefaults);
        final List<SessionConfig> sessions = new ArrayList<>();
        final List<String> compIds = new ArrayList<>();
        final List<Long> ownerIds = new ArrayList<>();
        for (final Section element : elements == null ? List.<Section>of() : elements)
        {
            if (element == null)
            {
                compIds.add(null);
                ownerIds.add(null);
                continue;
            }
            element.rejectUnknownKeys(SESSION_KEYS);
            final String sessionCompId = element.string("compId");
            final Long ownerId = element.longInteger("ownerId");
            final String username = element.string("username");
            final String password = element.string("password");
            final Integer throttle = element.integer("throttleMessagesPerSecond");
            final Integer floodLogoutMultiple = element.integer("floodLogoutMultiple", 0, Integer.MAX_VALUE);
            Rules.session(problems, element.path(), sessionCompId, ownerId, throttle, floodLogoutMultiple);
            compIds.add(sessionCompId);
            ownerIds.add(ownerId);
            if (problems.reported() == 0)
            {
                sessions.add(new SessionConfig(sessionCompId, ownerId, username, password, throttle,
                    floodLogoutMultiple));
            }
        }
        if (elements != null)
        {
            Rules.sessions(problems, Rules.join(gateway.path(), "sessions"), elements.size());
        }
        Rules.gateway(problems, gateway.path(), host, port, compId, maxHeartbeatIntervalSeconds, maxMessageBytes,
            compIds, ownerIds);
        Rules.outbound(problems, gateway.path(), maxMessageBytes, maxOutboundBytes);
        Rules.doneOrders(problems, gateway.path(), doneOrders);
        Rules.maxMarketDataSubscriptions(problems, gateway.path(), maxMarketDataSubscriptions);
        if (problems.reported() != 0)
        {
            return null;
        }
        return new GatewayConfig(host, port, compId, maxHeartbeatIntervalSeconds, maxMessageBytes, cancelOnDisconnect,
            sessions, statePath, maxOutboundBytes, doneOrders, maxMarketDataSubscriptions);
    }

    private static PipelineConfig pipeline(final Section pipeline, final Problems problems)
    {
        if (pipeline == null)
        {
            return null;
        }
        pipeline.rejectUnknownKeys(PIPELINE_KEYS);
        final Integer ringSize = pipeline.integer("ringSize", Rules.MIN_RING_SIZE, Rules.MAX_RING_SIZE);
        final WaitStrategy waitStrategy = pipeline.choice("waitStrategy", WaitStrategy.class);
        Rules.pipeline(problems, pipeline.path(), ringSize);
        if (problems.reported() != 0)
        {
            return null;
        }
        return new PipelineConfig(ringSize, waitStrategy);
    }

    private static TradingConfig trading(final Section trading, final Problems problems)
    {
        if (trading == null)
        {
            return null;
        }
        trading.rejectUnknownKeys(TRADING_KEYS);
        final String dayEnd = trading.string("dayEnd");
        if (dayEnd == null)
        {
            return null;
        }
        final Optional<LocalTime> parsed = Rules.dayEnd(problems, trading.path(), dayEnd);
        return parsed == null ? null : new TradingConfig(parsed);
    }
}
