namespace Trading.Data.Storage.Postgres;

/// <summary>A schema migration run once per store, shared by every caller waiting for it; a failed attempt is forgotten
/// so that the next operation tries again (the server may be back).</summary>
internal sealed class SchemaReadiness(Func<Task> migrate)
{
    private readonly Lock _gate = new();
    private Task? _ready;

    /// <summary>Waits for the migration, starting it if none ran or the last one failed.</summary>
    /// <remarks>The migration runs without the caller's token: one caller giving up must not fail the migration the
    /// others wait for.</remarks>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        var ready = Volatile.Read(ref _ready);
        if (ready is { IsCompletedSuccessfully: true })
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                _ready = migrate();
            }

            ready = _ready;
        }

        return ready.WaitAsync(cancellationToken);
    }
}
