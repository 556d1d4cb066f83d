using BenchmarkDotNet.Attributes;
using Trading.Data.Storage.Sqlite;
using Trading.Journal;

namespace Trading.Bench;

/// <summary>The SQLite journal: appending steps of 20 entries to a fresh file, as a node trading 500 symbols writes one
/// step per bar time, and reading a journal of 1M entries back, as a node does at start.</summary>
/// <remarks>Append reports time per entry (OperationsPerInvoke), so entries per second is 1e9 / Mean in ns, and steps
/// per second a twentieth of that. Read reports the time for all 1M entries. The read file is built once and kept in
/// the temp folder between runs, because building it takes longer than the benchmark.</remarks>
[MemoryDiagnoser]
public class JournalBenchmarks
{
    private const int EntriesPerStep = 20;
    private const int AppendSteps = 5_000;
    private const int AppendEntries = AppendSteps * EntriesPerStep;
    private const int ReadEntries = 1_000_000;

    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "trading-bench-journal");
    private static readonly DateTime Now = new(2024, 1, 2, 21, 0, 0, DateTimeKind.Utc);

    private JournalRecordDraft[][] _steps = [];
    private string _appendPath = string.Empty;
    private SqliteJournalStore? _appendStore;
    private SqliteJournalStore? _readStore;

    [GlobalSetup(Target = nameof(AppendStepsOf20))]
    public void SetUpAppend()
    {
        Directory.CreateDirectory(Folder);
        _steps = JournalSteps.Make(AppendSteps, EntriesPerStep);
    }

    [IterationSetup(Target = nameof(AppendStepsOf20))]
    public void FreshFile()
    {
        _appendStore?.Dispose();
        _appendPath = Path.Combine(Folder, $"append-{Guid.NewGuid():N}.db");
        _appendStore = new SqliteJournalStore(_appendPath);
        _appendStore.TryAcquireLeaseAsync("n1", "bench", TimeSpan.FromDays(1), Now).GetAwaiter().GetResult();
    }

    [IterationCleanup(Target = nameof(AppendStepsOf20))]
    public void DeleteFile()
    {
        _appendStore?.Dispose();
        _appendStore = null;
        foreach (var file in Directory.GetFiles(Folder, Path.GetFileName(_appendPath) + "*"))
        {
            File.Delete(file);
        }
    }

    [Benchmark(OperationsPerInvoke = AppendEntries, Description = "sqlite journal: append 100k entries in steps of 20, per entry")]
    public long AppendStepsOf20() => JournalSteps.AppendAll(_appendStore!, "n1", _steps, Now);

    [GlobalSetup(Target = nameof(Read1MEntries))]
    public void SetUpRead()
    {
        Directory.CreateDirectory(Folder);
        _readStore = new SqliteJournalStore(Path.Combine(Folder, "read-1m.db"));
        if (_readStore.LastSequenceAsync("n1").GetAwaiter().GetResult() == ReadEntries)
        {
            return;
        }

        _readStore.DeleteNodeAsync("n1").GetAwaiter().GetResult();
        _readStore.TryAcquireLeaseAsync("n1", "bench", TimeSpan.FromDays(1), Now).GetAwaiter().GetResult();
        JournalSteps.AppendAll(_readStore, "n1", JournalSteps.Make(ReadEntries / 1_000, 1_000), Now);
    }

    [GlobalCleanup(Target = nameof(Read1MEntries))]
    public void CloseRead() => _readStore?.Dispose();

    [Benchmark(Description = "sqlite journal: read 1M entries")]
    public long Read1MEntries() => JournalSteps.ReadAll(_readStore!, "n1");
}
