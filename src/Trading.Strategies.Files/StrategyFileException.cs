namespace Trading.Strategies.Files;

/// <summary>A strategy file or assembly that gives no strategies to run, with every reason (each compile error).</summary>
/// <remarks>An <see cref="ArgumentException"/>: the file is the user's input, and the fix is theirs.</remarks>
public sealed class StrategyFileException : ArgumentException
{
    public StrategyFileException(IReadOnlyList<StrategyFileError> errors)
        : base(string.Join(Environment.NewLine, (errors ?? throw new ArgumentNullException(nameof(errors))).Select(e => e.ToString())))
    {
        Errors = errors;
    }

    public StrategyFileException(StrategyFileError error)
        : this([error])
    {
    }

    public StrategyFileException()
        : this([])
    {
    }

    public StrategyFileException(string message)
        : base(message)
    {
        Errors = [];
    }

    public StrategyFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Every reason, in file order; each one line as <see cref="StrategyFileError.ToString"/> writes it.</summary>
    public IReadOnlyList<StrategyFileError> Errors { get; }
}
