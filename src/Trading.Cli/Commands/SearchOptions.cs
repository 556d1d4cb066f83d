using System.CommandLine;
using Spectre.Console;
using Trading.Optimization;

namespace Trading.Cli.Commands;

/// <summary>What a search over a strategy's parameters is given, shared by <c>trade optimize</c> and
/// <c>trade walkforward</c>: the strategy, the data, the costs, the parameters to search, the method, the objective,
/// the constraints and the jobs.</summary>
internal sealed class SearchOptions
{
    private readonly RunSourceOptions _source = new("Search");
    private readonly Option<string[]> _param = new("--param")
    {
        Description = "A parameter to search, repeated for several: name=start:stop:step (stop included, like fast=5:50:5) or name=a,b,c (any type). The others keep their configured values or defaults.",
        Required = true,
    };

    private readonly Option<string> _method;
    private readonly NumberOption<int> _trials = new("--trials", "With --method random: how many combinations to draw (100 unless given); with --method halving, how many candidates to draw (every combination unless given).", 100, "at least 1", n => n >= 1);
    private readonly NumberOption<ulong> _seed = new("--seed", "With --method random (or halving with --trials): the seed that draws them; the same seed draws the same trials.", 42, "from 0 to 18446744073709551615", _ => true);
    private readonly NumberOption<int> _eta = new("--eta", "With --method halving: each rung keeps the best 1/eta of its trials and is eta times longer than the one before.", HalvingSchedule.DefaultEta, "at least 2", n => n >= 2);
    private readonly bool _halving;
    private readonly Option<string> _objective = new("--objective") { Description = $"What ranks the trials (more is better; max_drawdown, annual_volatility, beta, turnover and commissions less): {SweepMetric.Names}.", DefaultValueFactory = _ => "sharpe" };
    private readonly Option<string[]> _constraint = new("--constraint") { Description = "A bound a trial must keep to rank with those that do, repeated for several: \"max_drawdown<0.25\", \"trades>=20\" (< <= > >=)." };
    private readonly NumberOption<int> _jobs = new("--jobs", "Trials run at once (default: the number of cores).", Environment.ProcessorCount, "between 1 and 1024", n => n is >= 1 and <= 1024);

    /// <param name="halving">Whether <c>--method halving</c> is offered (a walk-forward's searches are grids or samples).</param>
    public SearchOptions(bool halving = false)
    {
        _halving = halving;
        _method = halving
            ? new Option<string>("--method") { Description = "grid (every combination), random (--trials of them, drawn by --seed) or halving (successive halving over growing prefixes of the range, keeping the best 1/--eta each time).", DefaultValueFactory = _ => "grid" }.OneOf("grid", "random", "halving")
            : new Option<string>("--method") { Description = "grid (every combination) or random (--trials of them, drawn by --seed).", DefaultValueFactory = _ => "grid" }.OneOf("grid", "random");
        _objective.Validators.Add(result => OptimizeCommand.Check(result, "--objective", text => SweepMetric.Parse(text)));
        _constraint.Validators.Add(result => OptimizeCommand.Check(result, "--constraint", text => TrialConstraint.Parse(text)));
    }

    /// <summary>Adds the search's options to <paramref name="command"/>, then <paramref name="more"/> (the command's
    /// own), then the run's models.</summary>
    public void AddTo(Command command, params Option[] more)
    {
        _source.AddTo(command);
        Option[] options = [_param, _method, _trials, _seed, .. (_halving ? new[] { _eta } : []), _objective, _constraint, _jobs, .. more];
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        _source.Models.AddTo(command);
        command.Validators.Add(result =>
        {
            var method = Method(result.GetValue(_method));
            var given = (Option option) => result.GetResult(option) is { Implicit: false };
            if (method == SearchMethod.Halving)
            {
                if (given(_seed) && !given(_trials))
                {
                    result.AddError("--seed draws the candidates of a halving search: give it with --trials (without, every combination is a candidate)");
                }

                return;
            }

            foreach (var option in new Option[] { _trials, _seed })
            {
                if (method != SearchMethod.Random && given(option))
                {
                    result.AddError($"{option.Name} draws a random sample: give it with --method random{(_halving ? " or halving" : string.Empty)}");
                }
            }

            if (_halving && given(_eta))
            {
                result.AddError("--eta is how much a halving search keeps of each rung: give it with --method halving");
            }
        });
    }

    /// <summary>Reads and checks everything but the data (one error line for what is wrong).</summary>
    public SearchRequest Resolve(CliContext context, ParseResult parsed)
    {
        var config = _source.Config(parsed);
        var source = _source.Resolve(context, parsed, config);
        var chosenStrategy = source.Strategy;
        var definition = chosenStrategy.Definition;
        var ranges = new List<ParameterRange>();
        foreach (var text in parsed.GetValue(_param) ?? [])
        {
            ranges.Add(OptimizeCommand.Checked("--param", () => ParameterRange.Parse(definition, text)));
        }

        return new SearchRequest
        {
            Config = config,
            Definition = definition,
            Ranges = ranges,
            Objective = SweepMetric.Parse(parsed.GetValue(_objective)),
            Constraints = [.. (parsed.GetValue(_constraint) ?? []).Select(TrialConstraint.Parse)],
            Settings = config.ToSettings(),
            Jobs = parsed.GetValue(_jobs),
            Method = Method(parsed.GetValue(_method)),
            Trials = parsed.GetValue(_trials),
            TrialsGiven = parsed.GetResult(_trials) is { Implicit: false },
            Eta = _halving ? parsed.GetValue(_eta) : HalvingSchedule.DefaultEta,
            Seed = parsed.GetValue(_seed),
            Interval = source.Interval,
            Start = source.Start,
            End = source.End,
            Wanted = source.Wanted,
            File = source.File,
            IsParquet = source.IsParquet,
            Named = source.Named,
            FileFormat = source.FileFormat,
            Inputs = source.Inputs,
        };
    }

    private static SearchMethod Method(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "random" => SearchMethod.Random,
        "halving" => SearchMethod.Halving,
        _ => SearchMethod.Grid,
    };
}
