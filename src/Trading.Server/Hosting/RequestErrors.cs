using Microsoft.AspNetCore.Http.HttpResults;

namespace Trading.Server.Hosting;

/// <summary>The problems found in one request, by field, gathered so the client hears of all of them at once.</summary>
internal sealed class RequestErrors
{
    // Made on the first problem: most requests have none, and the cached data route should allocate little.
    private Dictionary<string, List<string>>? _byField;

    public bool Any => _byField is { Count: > 0 };

    public void Add(string field, string message)
    {
        _byField ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!_byField.TryGetValue(field, out var messages))
        {
            messages = [];
            _byField.Add(field, messages);
        }

        messages.Add(message);
    }

    public ProblemHttpResult ToProblem(int status = StatusCodes.Status400BadRequest) =>
        ApiProblem.Fields(status, (_byField ?? []).ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));
}
