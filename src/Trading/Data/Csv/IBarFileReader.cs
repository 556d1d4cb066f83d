namespace Trading.Data.Csv;

/// <summary>Reads bar files of a format other than CSV text (Parquet) into an import, which checks each row as it
/// checks a CSV row. Lives outside this library so that the library carries no file-format package.</summary>
public interface IBarFileReader
{
    /// <summary>True when the file is of this reader's format, by its name or its first bytes.</summary>
    bool Reads(string path, ReadOnlySpan<byte> start);

    /// <summary>Finds the columns with <see cref="BarFileRows.FindColumns"/>, then hands every row to
    /// <see cref="BarFileRows.Add"/>; a file it cannot read is one <see cref="BarFileRows.Problem"/>.</summary>
    Task ReadAsync(string path, BarFileRows rows, CancellationToken cancellationToken);
}
