using System.CommandLine;
using Trading.Backtesting.Config;
using Trading.Cli.Commands;
using Trading.Strategies.Files;

namespace Trading.Cli;

/// <summary>The <c>trade</c> command line: parses, runs one command, and turns every failure into one readable line.</summary>
public static class TradeApp
{
    /// <summary>Exit code for a failure the user can fix (bad input, bad file, unreachable provider), and for an
    /// internal error.</summary>
    public const int Failure = 1;

    /// <summary>Exit code for a command line that does not parse.</summary>
    public const int UsageError = 2;

    /// <summary>Runs one command line; <paramref name="settings"/> override configuration keys (Store:SqlitePath,
    /// Yahoo:BaseAddress, ...) after appsettings.json and TRADE_ variables. <c>trade</c> alone prints the help and
    /// exits 0: asking what the program does is not a mistake.</summary>
    public static Task<int> RunAsync(
        string[] args,
        TextWriter output,
        TextWriter error,
        IReadOnlyDictionary<string, string?>? settings = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = new CliContext(output, error, settings);
        return RunAsync(BuildRoot(context), args.Length == 0 ? ["--help"] : args, context, cancellationToken);
    }

    /// <summary>Runs <paramref name="args"/> against <paramref name="root"/>: whatever a command throws ends as one
    /// <c>error:</c> line and exit code 1, never a stack trace.</summary>
    internal static async Task<int> RunAsync(RootCommand root, string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var error = context.Error;
        try
        {
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                // One line, not a page of help: the first problem and where to look.
                // An unknown word explains more than the "required command missing" that follows from it.
                var first = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parsed.Errors[0];
                error.WriteLine($"error: {first.Message.ReplaceLineEndings(" ")} (see '{CommandPath(parsed)} --help')");
                return UsageError;
            }

            var configuration = new InvocationConfiguration { Output = context.Output, Error = error, EnableDefaultExceptionHandler = false };
            if (parsed.CommandResult.Command.Name == "paper")
            {
                // A trading node answers Ctrl+C with a question (halt or stop) and SIGTERM with a clean stop itself.
                configuration.ProcessTerminationTimeout = null;
            }

            return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (StrategyFileException ex) when (ex.Errors.Count > 0)
        {
            // As a compiler prints them, one per line (file(line,col): error CSxxxx: message), for editors to jump to.
            foreach (var line in ex.Errors)
            {
                error.WriteLine(line);
            }

            return Failure;
        }
        catch (RunConfigException ex)
        {
            // A run config is part of the command line: each problem on its line, naming its JSON path.
            foreach (var line in ex.Problems)
            {
                error.WriteLine($"error: {line.ReplaceLineEndings(" ")}");
            }

            return UsageError;
        }
        catch (Exception ex)
        {
            error.WriteLine($"error: {CliErrors.Describe(ex)}");
            return Failure;
        }
        finally
        {
            // A command still writing when Ctrl-C's grace period ran out leaves no hidden partial file behind.
            context.PartialFiles.DeleteAll();
        }
    }

    internal static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("trade: data, indicators and backtests for systematic traders.");
        root.Options.Add(CliContext.DatabaseOption);
        var data = new Command("data", "Import, fetch, generate and list market data.");
        data.Subcommands.Add(DataImportCommand.Create(context));
        data.Subcommands.Add(DataListCommand.Create(context));
        data.Subcommands.Add(DataSynthCommand.Create(context));
        data.Subcommands.Add(DataFetchCommand.Create(context));
        root.Subcommands.Add(data);
        root.Subcommands.Add(IndicatorsCommand.Create(context));
        root.Subcommands.Add(SignalsCommand.Create(context));
        root.Subcommands.Add(BacktestCommand.Create(context));
        root.Subcommands.Add(OptimizeCommand.Create(context));
        root.Subcommands.Add(WalkForwardCommand.Create(context));
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(PaperCommand.Create(context));
        root.Subcommands.Add(StrategiesCommand.Create(context));
        root.Subcommands.Add(NewStrategyCommand.Create(context));
        return root;
    }

    private static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (result.Command is not RootCommand)
            {
                names.Insert(0, result.Command.Name);
            }
        }

        names.Insert(0, "trade");
        return string.Join(' ', names);
    }
}
