namespace Trading.Data.Storage;

/// <summary>One step of a store's schema history: the statements that take a database from version
/// <c>Version - 1</c> to <paramref name="Version"/>.</summary>
/// <remarks>Migrations are append-only: once released, a migration's script never changes, so every database that
/// reports a version has exactly the same schema. The script is in the store's own SQL dialect.</remarks>
public sealed record SchemaMigration(int Version, string Description, string Script)
{
    /// <summary>Checks that <paramref name="migrations"/> are numbered 1, 2, 3, ... without gaps, and returns the
    /// latest version.</summary>
    public static int CheckSequence(IReadOnlyList<SchemaMigration> migrations)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new ArgumentException(
                    $"Schema migrations must be numbered 1, 2, 3, ... in order; migration {i} " +
                    $"('{migrations[i].Description}') has version {migrations[i].Version}, expected {i + 1}.",
                    nameof(migrations));
            }
        }

        return migrations.Count;
    }
}
