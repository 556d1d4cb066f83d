using System.CommandLine;
using Spectre.Console;
using Trading.Backtesting.Config;
using Trading.Data.Csv;
using Trading.Domain;
using Trading.Optimization;
using Trading.Strategies;

namespace Trading.Cli.Commands;

/// <summary>A search checked and ready to load its data: <see cref="SearchOptions.Resolve"/>'s result.</summary>
internal sealed record SearchRequest
{
    public required RunConfig Config { get; init; }

    public required StrategyDefinition Definition { get; init; }

    public required IReadOnlyList<ParameterRange> Ranges { get; init; }

    public required SweepMetric Objective { get; init; }

    public required IReadOnlyList<TrialConstraint> Constraints { get; init; }

    public required Trading.Backtesting.BacktestSettings Settings { get; init; }

    public required int Jobs { get; init; }

    public required SearchMethod Method { get; init; }

    /// <summary>How many to draw: a random search's sample, or a halving search's candidates when
    /// <see cref="TrialsGiven"/>.</summary>
    public required int Trials { get; init; }

    /// <summary>Whether --trials was given (a halving search without it starts from every combination).</summary>
    public required bool TrialsGiven { get; init; }

    /// <summary>A halving search's eta: each rung keeps its best 1/eta.</summary>
    public required int Eta { get; init; }

    public required ulong Seed { get; init; }

    public required Interval Interval { get; init; }

    public required DateTime? Start { get; init; }

    public required DateTime? End { get; init; }

    public required string[]? Wanted { get; init; }

    public required FileInfo? File { get; init; }

    public required bool IsParquet { get; init; }

    public required Symbol? Named { get; init; }

    public required BarFileFormat FileFormat { get; init; }

    /// <summary>The files read, which no output may overwrite.</summary>
    public required (FileSystemInfo? File, string What)[] Inputs { get; init; }

    /// <summary>The parameters not searched (a --config file's, over those stored for the strategy, over the
    /// defaults), the search space and plan, and the data, loaded once.</summary>
    public async Task<(SearchSpace Space, SearchPlan Plan, Trading.Backtesting.BacktestInput Input)> LoadAsync(CliContext context, ParseResult parsed, CancellationToken cancellationToken)
    {
        using var store = Wanted is { Length: > 0 } ? context.OpenExistingStore(parsed) : context.OpenStoreIfAny(parsed);
        var chosen = await BacktestCommand.ChooseParametersAsync(store, Definition, Config.ParameterTexts(), cancellationToken).ConfigureAwait(false);
        if (chosen.StoredSetAside is { } reason)
        {
            context.Console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(BacktestCommand.StoredSetAsideWarning(Definition, reason))}");
        }

        var startFrom = chosen.Parameters.AsText().Where(p => chosen.Sources[p.Key] != ParameterSource.Default).ToDictionary(p => p.Key, p => p.Value);
        var space = OptimizeCommand.Checked("--param", () => new SearchSpace(Definition, Ranges, startFrom));
        var plan = Method switch
        {
            SearchMethod.Random => space.Random(Trials, Seed),
            SearchMethod.Halving => (TrialsGiven ? space.Random(Trials, Seed) : space.Grid()) with { Method = SearchMethod.Halving },
            _ => space.Grid(),
        };
        if (plan.Trials.Count == 0)
        {
            throw new CliException($"every one of the {space.Size:N0} combinations breaks a rule of {Definition.Name} ({string.Join("; ", Definition.Rules.Select(r => r.Description))}): nothing to run");
        }

        var input = File is not null
            ? await BarFileInput.LoadAsync(File, IsParquet, Named, FileFormat, Interval, Start, End, cancellationToken).ConfigureAwait(false)
            : await BacktestCommand.LoadInput(context, store, Wanted, Config.Benchmark, Config.Index, Interval, Start, End, cancellationToken).ConfigureAwait(false);
        return (space, plan, input);
    }
}
