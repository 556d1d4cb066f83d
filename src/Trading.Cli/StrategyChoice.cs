using System.CommandLine;
using System.Globalization;
using Trading.Strategies;
using Trading.Strategies.Files;

namespace Trading.Cli;

/// <summary>The options that choose the strategy a command runs, the same for every command: <c>--strategy NAME</c>
/// (a built-in, or one of the configured <c>Strategies:Paths</c>), <c>--strategy-file FILE.cs</c> (compiled, cached)
/// or <c>--strategy-assembly FILE.dll</c>, with <c>--strategy NAME</c> choosing among a file's several.</summary>
internal sealed class StrategyChoice
{
    public StrategyChoice(string nameDescription, string? defaultName = null)
    {
        Name = new Option<string?>("--strategy") { Description = nameDescription };
        if (defaultName is not null)
        {
            Name.DefaultValueFactory = _ => defaultName;
        }

        File = new Option<string?>("--strategy-file") { Description = "Run a strategy of your own from this C# file (compiled on first use, then cached); --strategy NAME chooses when it holds several." };
        Assembly = new Option<string?>("--strategy-assembly") { Description = "Run a strategy from this compiled class library (.dll built against Trading); --strategy NAME chooses when it holds several." };
    }

    public Option<string?> Name { get; }

    public Option<string?> File { get; }

    public Option<string?> Assembly { get; }

    /// <summary>Adds the three options to <paramref name="command"/>; a command line that gives both a file and an
    /// assembly, or (when <paramref name="required"/>) none of the three, does not parse, unless
    /// <paramref name="orElse"/> is given (<c>--config</c>, which may name the strategy).</summary>
    public void AddTo(Command command, bool required = false, Option? orElse = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Name);
        command.Options.Add(File);
        command.Options.Add(Assembly);
        command.Validators.Add(result =>
        {
            var file = result.GetResult(File) is not null;
            var assembly = result.GetResult(Assembly) is not null;
            if (file && assembly)
            {
                result.AddError("give --strategy-file or --strategy-assembly, not both");
            }
            else if (required && !file && !assembly && result.GetResult(Name) is null && (orElse is null || result.GetResult(orElse) is null))
            {
                result.AddError("choose a strategy: --strategy NAME, --strategy-file FILE.cs or --strategy-assembly FILE.dll ('trade strategies' lists them)");
            }
        });
    }

    /// <summary>The chosen strategy, and the file or assembly it comes from (null for a built-in). A file is compiled
    /// (or taken from the cache) here, saying so on standard error when it compiles.</summary>
    /// <exception cref="StrategyFileException">The file does not compile or gives no strategy (each reason on its line).</exception>
    /// <exception cref="CliException">No strategy is named, or the name is unknown (the message lists the valid ones).</exception>
    public ChosenStrategy Resolve(CliContext context, ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return Resolve(context, parsed.GetValue(Name), parsed.GetValue(File), parsed.GetValue(Assembly), parsed.GetResult(Name) is { Implicit: false });
    }

    /// <summary>As <see cref="Resolve(CliContext, ParseResult)"/>, for a strategy named by a run config: a
    /// <paramref name="name"/> (chosen by the user, not a default, when <paramref name="named"/>), a file or an assembly.</summary>
    public static ChosenStrategy Resolve(CliContext context, string? name, string? file, string? assembly, bool named = true)
    {
        if (Find(context, name, file, assembly, named) is { } chosen)
        {
            return chosen;
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new CliException("choose a strategy: --strategy NAME, --strategy-file FILE.cs or --strategy-assembly FILE.dll ('trade strategies' lists them)");
        }

        var catalog = context.Strategies();
        var broken = catalog.Broken.Count == 0
            ? string.Empty
            : $"; {catalog.Broken.Count} configured strategy {(catalog.Broken.Count == 1 ? "file" : "files")} did not load ({catalog.Broken[0].Errors[0]}): 'trade strategies' lists why";
        throw new CliException($"unknown strategy '{name}'; valid: {string.Join(", ", catalog.Registry.All.Select(d => d.Name))}{broken}");
    }

    /// <summary>As <see cref="Resolve(CliContext, ParseResult)"/>, but null when no strategy is named or the name is unknown.</summary>
    public ChosenStrategy? Find(CliContext context, ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return Find(context, parsed.GetValue(Name), parsed.GetValue(File), parsed.GetValue(Assembly), parsed.GetResult(Name) is { Implicit: false });
    }

    private static ChosenStrategy? Find(CliContext context, string? givenName, string? file, string? assembly, bool named)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = named ? givenName : null;
        if (file is not null && assembly is not null)
        {
            throw new CliException("give --strategy-file or --strategy-assembly, not both");
        }

        if (file is not null || assembly is not null)
        {
            var source = Load(context, file, assembly);
            return new ChosenStrategy(source.Find(name), source);
        }

        name ??= givenName;
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        if (StrategyRegistry.Default.TryFind(name, out var builtIn))
        {
            return new ChosenStrategy(builtIn, null);
        }

        // Not a built-in: the configured strategy files are compiled (or read from the cache) only now.
        var catalog = context.Strategies();
        return catalog.Registry.TryFind(name, out var definition) ? new ChosenStrategy(definition, catalog.SourceOf(definition)) : null;
    }

    /// <summary>Loads a strategy file or assembly named on the command line, refusing a strategy that has a built-in's
    /// name (its stored parameters and its listings would be the built-in's).</summary>
    public static StrategySource Load(CliContext context, string? file, string? assembly)
    {
        ArgumentNullException.ThrowIfNull(context);
        var source = file is not null ? context.StrategyLoader.LoadFile(file) : StrategyFileLoader.LoadAssembly(assembly!);
        if (source.CacheNote is { } note)
        {
            context.Error.WriteLine($"warning: {note}");
        }

        if (source.Compiled)
        {
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"compiled {source.Path} in {source.CompileTime.TotalSeconds:0.00} s: {string.Join(", ", source.Strategies.Select(s => s.Name))}"));
        }

        StrategyCatalog.Add(StrategyRegistry.Default, source);
        return source;
    }
}

/// <summary>A strategy chosen on the command line, with the user's file or assembly it comes from (null: a built-in).</summary>
internal sealed record ChosenStrategy(StrategyDefinition Definition, StrategySource? Source)
{
    /// <summary><c>sma_cross</c>, or <c>my_breakout (my_breakout.cs)</c>.</summary>
    public override string ToString() => Source is null ? Definition.Name : $"{Definition.Name} ({Source.Path})";
}
