using Microsoft.Extensions.Options;
using Trading.Domain;
using Trading.Portfolio;
using Trading.Server.Data;
using Trading.Server.Hosting;
using Trading.Server.Strategies;
using Trading.Strategies.Momentum;

namespace Trading.Server.Signals;

/// <summary>A request's universe ranked by the momentum strategy with its configured parameters: the bars come
/// through <see cref="BarSource"/> (the store and its cache, fetched when a provider is configured), split-adjusted
/// as of the decision; symbols without bars are left out and listed. For an account, <see cref="Decision"/> says which
/// day the ranking was made as of and why.</summary>
internal sealed record RankedUniverse(MomentumRanking Ranking, MomentumParameters Parameters, BarRange Range, IReadOnlyDictionary<string, string> Missing, DecisionDate? Decision = null)
{
    /// <summary>Reads a <see cref="SignalRequest"/> from the body of <paramref name="request"/> and ranks it (see
    /// <see cref="RankAsync"/>); JSON that does not parse is a 400 naming the body.</summary>
    public static async Task<(RankedUniverse? Ranked, IResult? Problem)> FromRequestAsync(
        HttpRequest request,
        BarSource bars,
        StrategySettings settings,
        IOptions<ServerOptions> options,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<SignalRequest>(request, cancellationToken).ConfigureAwait(false);
        return problem is not null || body is null
            ? (null, problem)
            : await RankAsync(body, bars, settings, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The ranking, or the problem that stops it: a bad field (400), no bars at all or none for the index
    /// (404, or 503 when the provider could not be reached), naming the symbols and the range.</summary>
    public static Task<(RankedUniverse? Ranked, IResult? Problem)> RankAsync(
        SignalRequest body,
        BarSource bars,
        StrategySettings settings,
        IOptions<ServerOptions> options,
        CancellationToken cancellationToken) =>
        RankAsOfAsync(body, bars, settings, options, forAccount: false, clock: null, cancellationToken);

    /// <summary>The ranking for an account whose clock is <paramref name="clock"/>: as of end_date, but never after
    /// the clock (<see cref="DecisionDate"/>), so no bar the account has not reached is read; a start_date after the
    /// clock is a 422.</summary>
    public static Task<(RankedUniverse? Ranked, IResult? Problem)> RankForAccountAsync(
        SignalRequest body,
        DateOnly? clock,
        BarSource bars,
        StrategySettings settings,
        IOptions<ServerOptions> options,
        CancellationToken cancellationToken) =>
        RankAsOfAsync(body, bars, settings, options, forAccount: true, clock, cancellationToken);

    private static async Task<(RankedUniverse? Ranked, IResult? Problem)> RankAsOfAsync(
        SignalRequest body,
        BarSource bars,
        StrategySettings settings,
        IOptions<ServerOptions> options,
        bool forAccount,
        DateOnly? clock,
        CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var symbols = DataEndpoints.ParseSymbols(body.Symbols, options.Value.MaxSymbolsPerRequest, errors);
        var range = BarRange.Parse(body.StartDate, body.EndDate, body.Interval, options.Value.MaxBarsPerRequest, errors);
        var index = string.IsNullOrWhiteSpace(body.MarketIndex) ? (Symbol?)null : DataEndpoints.ParseSymbol(body.MarketIndex, "market_index", errors);
        if (index is { } i && symbols.Contains(i))
        {
            errors.Add("market_index", $"{i} is the market index: it is read for the regime, not ranked; leave it out of symbols");
        }

        if (errors.Any || range is null)
        {
            return (null, errors.ToProblem());
        }

        DecisionDate? decision = null;
        if (forAccount)
        {
            decision = DecisionDate.For(range.To is { } end ? DateOnly.FromDateTime(end) : null, clock);
            if (decision.Day is { } day)
            {
                var last = day.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);
                if (range.From > last)
                {
                    return (null, ApiProblem.Field(StatusCodes.Status422UnprocessableEntity, "start_date", $"start_date {range.StartText} is after {day:yyyy-MM-dd}, the day the plan is made as of ({decision.Reason}): there are no bars to rank"));
                }

                range = range with { To = last };
            }
        }

        var definition = settings.Registry.Find(MomentumStrategy.Name);
        var parameters = MomentumParameters.From(await settings.CurrentAsync(definition, cancellationToken).ConfigureAwait(false));
        var universe = new List<BarSeries>(symbols.Count);
        var missing = new Dictionary<string, string>(StringComparer.Ordinal);
        var worst = StatusCodes.Status404NotFound;
        var budget = new BarBudget(options.Value.MaxBarsPerRequest);
        foreach (var symbol in symbols)
        {
            var lookup = await bars.GetAsync(symbol, range, cancellationToken).ConfigureAwait(false);
            if (lookup.Series is { } series)
            {
                if (!budget.Take(series))
                {
                    return (null, budget.Refusal(range.Interval));
                }

                universe.Add(await MomentumSignals.SplitAdjustedAsync(bars.Store, series, range.To, cancellationToken).ConfigureAwait(false));
            }
            else
            {
                missing[symbol.Value] = lookup.Reason!;
                worst = Math.Max(worst, lookup.Status);
            }
        }

        if (universe.Count == 0)
        {
            // Nothing to rank is a failure, not an empty list of signals.
            return (null, ApiProblem.Fields(worst, missing.ToDictionary(p => p.Key, p => new[] { p.Value }, StringComparer.Ordinal)));
        }

        BarSeries? indexBars = null;
        if (index is { } indexSymbol)
        {
            var lookup = await bars.GetAsync(indexSymbol, range, cancellationToken).ConfigureAwait(false);
            if (lookup.Series is null)
            {
                return (null, ApiProblem.Field(lookup.Status, "market_index", lookup.Reason!));
            }

            indexBars = lookup.Series;
        }

        var ranking = MomentumRanking.Rank(universe, indexBars, parameters.Ranking);
        return (new RankedUniverse(ranking, parameters, range, missing, decision), null);
    }
}
