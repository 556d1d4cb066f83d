using System.CommandLine;
using Spectre.Console;
using Trading.Strategies;
using Trading.Strategies.Files;

namespace Trading.Cli.Commands;

/// <summary><c>trade strategies [--strategy-file FILE.cs | --strategy-assembly FILE.dll]</c>: every strategy a run can
/// choose (the built-ins, the configured <c>Strategies:Paths</c>, and the file or assembly given), each with its
/// parameters and rules, and each configured file that does not load with its errors.</summary>
internal static class StrategiesCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Option<string?>("--strategy-file") { Description = "Also list the strategies of this C# file (compiled on first use, then cached)." };
        var assembly = new Option<string?>("--strategy-assembly") { Description = "Also list the strategies of this compiled class library." };
        var command = new Command("strategies", "List every strategy (built-in, configured in Strategies:Paths, or given) with its parameters: name, type, default, bounds, description.");
        command.Options.Add(file);
        command.Options.Add(assembly);
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(file) is not null && parsed.GetValue(assembly) is not null)
            {
                throw new CliException("give --strategy-file or --strategy-assembly, not both");
            }

            var given = parsed.GetValue(file) is { } f ? StrategyChoice.Load(context, f, null)
                : parsed.GetValue(assembly) is { } a ? StrategyChoice.Load(context, null, a)
                : null;

            var catalog = context.Strategies();
            foreach (var definition in catalog.Registry.All)
            {
                Write(context, definition, catalog.SourceOf(definition));
            }

            if (given is not null)
            {
                foreach (var definition in given.Strategies.Where(s => !catalog.Registry.TryFind(s.Name, out _)))
                {
                    Write(context, definition, given);
                }
            }

            foreach (var broken in catalog.Broken)
            {
                context.Output.WriteLine($"{broken.Path}: does not load; its strategies are not offered:");
                foreach (var error in broken.Errors)
                {
                    context.Output.WriteLine($"  {error}");
                }

                context.Output.WriteLine();
            }

            return 0;
        });
        return command;
    }

    private static void Write(CliContext context, StrategyDefinition definition, StrategySource? source)
    {
        var origin = source is null ? "built-in" : $"{source.Path}, sha256 {source.ContentHash[..12]}";
        context.Output.WriteLine($"{definition.Name} ({origin}): {definition.Description}");
        if (definition.Parameters.Count == 0)
        {
            context.Output.WriteLine("  no parameters");
        }
        else
        {
            var table = new Table().Border(TableBorder.Simple);
            foreach (var column in new[] { "parameter", "type", "default", "minimum", "maximum", "description" })
            {
                table.AddColumn(column);
            }

            foreach (var parameter in definition.Parameters)
            {
                table.AddRow(
                    Markup.Escape(parameter.Name),
                    parameter.Type.ToString().ToLowerInvariant(),
                    Markup.Escape(StrategyParameter.Format(parameter.Default)),
                    parameter.Minimum is { } min ? StrategyParameter.Format(min) : "-",
                    parameter.Maximum is { } max ? StrategyParameter.Format(max) : "-",
                    Markup.Escape(parameter.Description));
            }

            context.Console.Write(table);
        }

        foreach (var rule in definition.Rules)
        {
            context.Output.WriteLine($"  rule: {rule.Description}");
        }

        context.Output.WriteLine();
    }
}
