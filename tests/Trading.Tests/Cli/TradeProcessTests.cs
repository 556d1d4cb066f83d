using System.Diagnostics;

namespace Trading.Tests.Cli;

/// <summary>The real program in its own process: exit codes, standard streams and Program.cs as a user meets them.</summary>
public sealed class TradeProcessTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _cli.Directory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "trade.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Import_then_list_work_in_a_real_process_with_the_default_database_under_the_working_directory()
    {
        var file = _cli.File("spy.csv", "Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,100\n");

        var import = await Run("data", "import", file);
        var list = await Run("data", "list");

        Assert.Equal(0, import.ExitCode);
        Assert.Equal(string.Empty, import.Error);
        Assert.True(File.Exists(Path.Combine(_cli.Directory, ".trade", "trading.db")));
        Assert.Matches(@"SPY\s+1d\s+2024-01-02\s+2024-01-02\s+1", list.Output);
    }

    [Fact]
    public async Task A_bad_command_line_exits_2_with_one_line_on_standard_error()
    {
        var result = await Run("data", "import");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_file_exits_1_with_the_line_to_fix()
    {
        var file = _cli.File("bad.csv", "Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,oops,100\n");

        var result = await Run("data", "import", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.csv:2: close 'oops' is not a number", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_of_two_million_columns_exits_1_with_one_line_naming_the_cap()
    {
        var header = "Date,Open,High,Low,Close,Volume" + string.Concat(Enumerable.Repeat(",x", 2_000_000 - 6));
        var file = _cli.File("wide.csv", header + "\n2024-01-02,1,2,0.5,1.5,100\n");

        var result = await Run("data", "import", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {file}:1: too many columns: 2,000,000, at most 1,000; nothing was stored", result.Error.TrimEnd());
    }
}
