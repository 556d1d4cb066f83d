using System.Text.Json;
using Trading.Cli;

namespace Trading.Tests.Cli;

/// <summary>What a command writes (--json, --report, --out, --csv DIR) is checked before the work and replaced whole
/// or not at all: never over the database or the command's own input, never half a file.</summary>
public sealed class OutputFileTests : IDisposable
{
    private const string Bars = "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10,100\n2024-01-03,10,12,9,11,100\n2024-01-04,11,12,10,11.5,100\n";

    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task Synth()
    {
        var synth = await _cli.Trade("data", "synth", "--symbols", "2", "--from", "2020-01-01", "--to", "2020-12-31");
        Assert.Equal(0, synth.ExitCode);
    }

    [Theory]
    [InlineData("backtest --strategy buy_and_hold --symbols SYN001 --json", "--json")]
    [InlineData("backtest --strategy buy_and_hold --symbols SYN001 --report", "--report")]
    [InlineData("indicators --symbol SYN001 --indicators sma(5) --out", "--out")]
    public async Task An_output_that_is_the_database_is_refused_before_the_work_and_the_database_is_kept(string commandLine, string option)
    {
        await Synth();

        var run = await _cli.Trade([.. commandLine.Split(' '), _cli.DatabasePath]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {option} {_cli.DatabasePath} is the database; writing there would destroy it, so give another file", run.Error.TrimEnd());
        Assert.Equal(string.Empty, run.Output);
        var list = await _cli.Trade("data", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("SYN001", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Indicators_written_over_their_own_csv_input_are_refused_and_the_input_kept()
    {
        var input = _cli.File("spy.csv", Bars);

        var run = await _cli.Trade("indicators", "--csv", input, "--indicators", "sma(2)", "--out", input);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: --out {input} is the --csv input; writing there would destroy it, so give another file", run.Error.TrimEnd());
        Assert.Equal(Bars, File.ReadAllText(input));
    }

    [Fact]
    public async Task A_json_file_that_is_a_directory_is_refused_before_the_backtest_runs()
    {
        await Synth();
        var folder = Directory.CreateDirectory(Path.Combine(_cli.Directory, "results")).FullName;

        var run = await _cli.Trade("backtest", "--strategy", "buy_and_hold", "--symbols", "SYN001", "--json", folder);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: --json {folder} is a directory; give a file name in it", run.Error.TrimEnd());
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task A_backtest_cancelled_before_its_json_is_complete_keeps_the_previous_file_and_leaves_no_partial_file()
    {
        await Synth();
        var json = _cli.File("run.json", "{\"previous\": true}");
        using var cancel = new CancellationTokenSource();

        // Ctrl-C arrives once the summary is on the screen, while the JSON is being written.
        var output = new CancelOnText("final equity", cancel);
        var error = new StringWriter();
        var code = await TradeApp.RunAsync(
            ["backtest", "--strategy", "buy_and_hold", "--symbols", "SYN001", "--json", json, "--db", _cli.DatabasePath],
            output,
            error,
            cancellationToken: cancel.Token);

        Assert.True(cancel.IsCancellationRequested);
        Assert.Equal(1, code);
        Assert.Equal("error: cancelled", error.ToString().TrimEnd());
        Assert.Equal("{\"previous\": true}", File.ReadAllText(json));
        Assert.Equal(["run.json"], Directory.GetFiles(_cli.Directory, "*.json*").Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(_cli.Directory, "*.partial"));
    }

    [Fact]
    public void A_write_that_fails_midway_keeps_the_previous_file_and_leaves_no_partial_file()
    {
        var path = _cli.File("report.html", "previous");
        var partial = new PartialFiles();
        var output = OutputFile.Check("--report", path, partial, []);

        var failure = Assert.Throws<IOException>(() => output.WriteText(
            writer =>
            {
                writer.Write(new string('x', 100_000));
                throw new IOException("No space left on device");
            },
            CancellationToken.None));

        Assert.Equal("No space left on device", failure.Message);
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_cli.Directory));
    }

    [Fact]
    public async Task A_complete_write_replaces_the_file_and_follows_a_symbolic_link_to_it()
    {
        await Synth();
        var target = _cli.File("target.json", "old");
        var link = Path.Combine(_cli.Directory, "latest.json");
        File.CreateSymbolicLink(link, target);

        var run = await _cli.Trade("backtest", "--strategy", "buy_and_hold", "--symbols", "SYN001", "--json", link);

        Assert.Equal(0, run.ExitCode);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        using var document = JsonDocument.Parse(File.ReadAllText(target));
        Assert.Equal("buy_and_hold", document.RootElement.GetProperty("strategy").GetString());
    }

    [Fact]
    public async Task Synth_refuses_a_csv_folder_that_is_a_file_before_storing_anything()
    {
        var file = _cli.File("notes.txt", "mine");

        var run = await _cli.Trade("data", "synth", "--symbols", "1", "--from", "2020-01-01", "--to", "2020-01-31", "--csv", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: --csv {file} is a file; give a folder to write the CSV files into", run.Error.TrimEnd());
        Assert.False(File.Exists(_cli.DatabasePath));
        Assert.Equal("mine", File.ReadAllText(file));
    }

    /// <summary>Standard output that cancels a token once it has shown <c>text</c>.</summary>
    private sealed class CancelOnText(string text, CancellationTokenSource cancel) : StringWriter
    {
        public override void Write(char value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(char[] buffer, int index, int count)
        {
            base.Write(buffer, index, count);
            Check();
        }

        private void Check()
        {
            if (!cancel.IsCancellationRequested && ToString().Contains(text, StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        }
    }
}
