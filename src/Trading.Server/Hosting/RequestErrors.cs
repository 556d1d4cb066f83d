using Microsoft.AspNetCore.Http.HttpResults;

namespace Trading.Server.Hosting;

/// <summary>The problems found in one request, by field, gathered so the client hears of all of them at once.</summary>
internal sealed class RequestErrors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

    public bool Any => _byField.Count > 0;

    public void Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var messages))
        {
            messages = [];
            _byField.Add(field, messages);
        }

        messages.Add(message);
    }

    public ProblemHttpResult ToProblem(int status = StatusCodes.Status400BadRequest) =>
        ApiProblem.Fields(status, _byField.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));
}
