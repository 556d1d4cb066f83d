namespace Trading.Backtesting.Config;

/// <summary>A run config that cannot be used, with one line per problem, each naming its JSON path
/// (<c>run.json: commission.per_share must be a number at least 0; got -1</c>).</summary>
public sealed class RunConfigException : Exception
{
    public RunConfigException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems ?? []))
    {
        Problems = problems ?? [];
    }

    public RunConfigException()
        : this([])
    {
    }

    public RunConfigException(string message)
        : this([message])
    {
    }

    public RunConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public IReadOnlyList<string> Problems { get; }
}
