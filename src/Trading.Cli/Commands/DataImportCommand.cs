using System.CommandLine;

namespace Trading.Cli.Commands;

/// <summary><c>trade data import FILE... [--symbol S] [--interval 1d]</c>.</summary>
internal static class DataImportCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<FileInfo[]>("files") { Description = "CSV files (Yahoo layout or plain OHLCV with a header).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("import", "Import bars from CSV files, atomically: a bad row stores nothing.");
        command.Arguments.Add(files);
        command.SetAction(parsed =>
        {
            context.Output.WriteLine($"would import {parsed.GetValue(files)!.Length} files into {context.DatabasePath(parsed)}");
            return 0;
        });
        return command;
    }
}
