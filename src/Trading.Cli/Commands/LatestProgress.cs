namespace Trading.Cli.Commands;

/// <summary>Progress written by a run's threads and read by the progress bar's; only the latest matters.</summary>
internal sealed class LatestProgress<T> : IProgress<T>
    where T : class
{
    private T? _value;

    public T? Value => Volatile.Read(ref _value);

    public void Report(T value) => Volatile.Write(ref _value, value);
}
