using System.CommandLine;
using Trading.Strategies.Files;

namespace Trading.Cli.Commands;

/// <summary><c>trade new strategy NAME [--output DIR]</c>: writes NAME.cs, a documented strategy that compiles and
/// backtests as it is, never over an existing file.</summary>
internal static class NewStrategyCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The strategy's name, snake_case (my_breakout): also the file's name." };
        var output = new Option<string?>("--output") { Description = "Folder to write NAME.cs in (default: the working folder)." };
        var strategy = new Command("strategy", "Write NAME.cs: a documented starter strategy (a breakout with parameters) that compiles and backtests as it is.");
        strategy.Arguments.Add(name);
        strategy.Options.Add(output);
        strategy.SetAction(parsed =>
        {
            var strategyName = parsed.GetValue(name)!.Trim();
            var source = StarterStrategy.Write(strategyName);
            var folder = parsed.GetValue(output) is { Length: > 0 } given ? given : ".";
            var path = Path.Combine(folder, strategyName + ".cs");
            Directory.CreateDirectory(folder);
            try
            {
                // CreateNew: a file there already, even one made a moment ago by someone else, is never replaced.
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                using var writer = new StreamWriter(file);
                writer.Write(source);
            }
            catch (IOException) when (File.Exists(path))
            {
                throw new CliException($"{path} exists already; choose another name, or move it away first (it is not overwritten)");
            }

            context.Output.WriteLine($"wrote {path}: strategy {strategyName} ({StarterStrategy.ClassName(strategyName)})");
            context.Output.WriteLine($"run it:    trade backtest --strategy-file {path}");
            context.Output.WriteLine($"its knobs: trade strategies --strategy-file {path}");
            return 0;
        });

        var command = new Command("new", "Create files to start from.");
        command.Subcommands.Add(strategy);
        return command;
    }
}
