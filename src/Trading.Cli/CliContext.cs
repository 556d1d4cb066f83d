using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Spectre.Console;
using Trading.Configuration;
using Trading.Data.Caching;
using Trading.Data.Storage;
using Trading.Data.Storage.Postgres;
using Trading.Data.Storage.Sqlite;
using Trading.Data.Yahoo;
using Trading.Strategies.Files;

namespace Trading.Cli;

/// <summary>What every command needs: where to write, and the configuration (appsettings.json, TRADE_ variables, --db).</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? settings = null)
{
    private IConfiguration? _configuration;
    private StrategyFileLoader? _strategyLoader;
    private StrategyCatalog? _strategies;

    /// <summary>The global <c>--db</c> option: the SQLite file that holds bars and corporate actions.</summary>
    public static readonly Option<string?> DatabaseOption = Database();

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Output files being written, deleted if the command ends before they are complete.</summary>
    public PartialFiles PartialFiles { get; } = new();

    /// <summary>Tables and progress bars on <see cref="Output"/>; plain text, 160 columns wide, when it is not a terminal.</summary>
    public IAnsiConsole Console { get; } = CreateConsole(output);

    /// <summary>Compiles and caches strategy files in <c>Strategies:CachePath</c> (default: the user's local data).</summary>
    public StrategyFileLoader StrategyLoader => _strategyLoader ??= new StrategyFileLoader(StrategyFileOptions.From(Configuration).CachePath);

    /// <summary>The built-ins and the strategies of the configured <c>Strategies:Paths</c>, loaded on first use (a
    /// command that runs a built-in compiles nothing); broken files are listed in it, not thrown.</summary>
    public StrategyCatalog Strategies()
    {
        if (_strategies is null)
        {
            _strategies = StrategyFileOptions.From(Configuration).Paths is { Count: > 0 } paths
                ? StrategyCatalog.Load(StrategyLoader, paths)
                : StrategyCatalog.BuiltIn;
            foreach (var note in _strategies.Sources.Select(s => s.CacheNote).OfType<string>())
            {
                Error.WriteLine($"warning: {note}");
            }
        }

        return _strategies;
    }

    /// <summary>Opens the store for a command that writes, creating a SQLite file that does not exist yet: SQLite at
    /// <c>--db</c> when given; otherwise as configured, SQLite at <c>Store:SqlitePath</c> or PostgreSQL when
    /// <c>Store:Provider</c> is <c>postgres</c> (<c>Store:PostgresConnectionString</c>). One-shot commands gain
    /// nothing from a cache.</summary>
    public CliStore OpenStore(ParseResult parsed) => Open(parsed, mustExist: true, create: true)!;

    /// <summary>Opens the store for a command that only reads: a SQLite file that does not exist is an error that
    /// names the path, and nothing is created (a mistyped <c>--db</c> must not leave an empty database behind and
    /// then report "no bars stored").</summary>
    public CliStore OpenExistingStore(ParseResult parsed) => Open(parsed, mustExist: true, create: false)!;

    /// <summary>The store if there is one to read, else null, creating nothing: for a command that can run without
    /// one (a backtest of a CSV file reads the strategy settings configured in the database when there is one, and
    /// says which parameters it used and where from).</summary>
    public CliStore? OpenStoreIfAny(ParseResult parsed) => Open(parsed, mustExist: false, create: false);

    private CliStore? Open(ParseResult parsed, bool mustExist, bool create)
    {
        var provider = Configuration["Store:Provider"];
        if (!string.IsNullOrWhiteSpace(parsed.GetValue(DatabaseOption)) || string.IsNullOrWhiteSpace(provider) || provider.Trim().Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var path = DatabasePath(parsed);
            if (!create && !File.Exists(path))
            {
                return mustExist
                    ? throw new CliException($"no database at {path}; create one with 'trade data import', 'trade data fetch' or 'trade data synth', or point --db (or Store:SqlitePath) at an existing one")
                    : null;
            }

            return CliStore.Sqlite(new SqliteMarketDataStore(path));
        }

        if (!provider.Trim().Equals("postgres", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException($"Store:Provider must be 'sqlite' or 'postgres'; got '{provider}'");
        }

        var connection = Configuration["Store:PostgresConnectionString"];
        return string.IsNullOrWhiteSpace(connection)
            ? throw new CliException("Store:Provider is 'postgres' but Store:PostgresConnectionString is not set (TRADE_Store__PostgresConnectionString)")
            : CliStore.Postgres(new PostgresMarketDataStore(connection), Path.GetFullPath(".trade"));
    }

    /// <summary>Checks an output file named by <paramref name="option"/> before the command works: not a directory,
    /// not the SQLite database (nor its journals), not one of <paramref name="inputs"/>.</summary>
    public OutputFile OutputFile(ParseResult parsed, string option, FileSystemInfo file, params (FileSystemInfo? File, string What)[] inputs)
    {
        ArgumentNullException.ThrowIfNull(file);
        var protectedPaths = Cli.OutputFile.Database(DatabasePath(parsed))
            .Concat(inputs.Where(i => i.File is not null).Select(i => (i.File!.FullName, i.What)));
        return Cli.OutputFile.Check(option, file.FullName, PartialFiles, protectedPaths);
    }

    /// <summary>The database path: --db, then configuration, then the embedded default under the working directory.</summary>
    public string DatabasePath(ParseResult parsed)
    {
        var fromOption = parsed.GetValue(DatabaseOption);
        if (!string.IsNullOrWhiteSpace(fromOption))
        {
            return Path.GetFullPath(fromOption);
        }

        var configured = Configuration["Store:SqlitePath"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(".trade", "trading.db") : configured);
    }

    /// <summary>appsettings.json (beside the program, then in the working directory), TRADE_ variables, then the
    /// settings given in code (tests), later sources winning; the data settings in it checked as it is first read.</summary>
    public IConfiguration Configuration => _configuration ??= Checked(new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
        .AddEnvironmentVariables("TRADE_")
        .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
        .Build());

    /// <summary>Refuses a bad Store, Cache or Yahoo setting in one line naming its key, whichever command meets it
    /// first: the CLI shares these sections with <c>trade serve</c>, and a mistake in them is no less one because
    /// this command does not use that key.</summary>
    private static IConfiguration Checked(IConfiguration configuration)
    {
        var problem = CheckedBinding.Problem<StorageOptions>(configuration.GetSection(StorageOptions.Section))
            ?? CheckedBinding.Problem<MarketDataCacheOptions>(configuration.GetSection(MarketDataCacheOptions.SectionName), o => o.Problem())
            ?? CheckedBinding.Problem<YahooFinanceOptions>(configuration.GetSection(YahooFinanceOptions.SectionName), o => o.Problem());
        return problem is null ? configuration : throw new CliException(problem);
    }

    /// <summary>An empty <c>--db</c> (an unset variable in <c>--db "$DB"</c>) is refused, not read as "the default
    /// database": writing a market into .trade/trading.db instead is not what was asked.</summary>
    private static Option<string?> Database()
    {
        var option = new Option<string?>("--db")
        {
            Description = "SQLite database file (default: Store:SqlitePath from appsettings.json or TRADE_Store__SqlitePath, else .trade/trading.db).",
            Recursive = true,
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.Tokens[^1].Value))
            {
                result.AddError($"--db needs a file name; got '{result.Tokens[^1].Value}'");
            }
        });
        return option;
    }

    private static IAnsiConsole CreateConsole(TextWriter output)
    {
        var isTerminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            console.Profile.Width = 160;
        }

        return console;
    }
}
