using System.Globalization;
using System.Text.Json;

namespace Trading.Backtesting.Config;

/// <summary>The cost models of one sort (commission or slippage) a run can choose from, and the two ways to write a
/// choice: a JSON object (<c>{"model": "per_share", "per_share": 0.005, "minimum": 1}</c>) and the command line's
/// compact spec (<c>per_share:0.005,minimum=1</c>), both naming the same numbers.</summary>
public sealed class CostModelCatalog<TModel>
    where TModel : class
{
    public CostModelCatalog(string what, IReadOnlyList<CostModelKind<TModel>> kinds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        ArgumentNullException.ThrowIfNull(kinds);
        What = what;
        Kinds = kinds;
    }

    /// <summary>"commission" or "slippage": how messages name the sort.</summary>
    public string What { get; }

    /// <summary>Every kind, the one without cost (<c>none</c>) first.</summary>
    public IReadOnlyList<CostModelKind<TModel>> Kinds { get; }

    /// <summary>The kind that costs nothing: the default.</summary>
    public CostModelKind<TModel> None => Kinds[0];

    /// <summary>"none, percent, per_share or fixed".</summary>
    public string Names => string.Join(", ", Kinds.Take(Kinds.Count - 1).Select(k => k.Name)) + " or " + Kinds[^1].Name;

    /// <summary>The kind named <paramref name="name"/> (case and '-' for '_' ignored), or null.</summary>
    public CostModelKind<TModel>? Find(string? name)
    {
        var wanted = Normal(name);
        return Kinds.FirstOrDefault(k => k.Name == wanted);
    }

    /// <summary>Parses a compact spec, <c>MODEL[:FIRST][,NAME=VALUE]...</c>: the model's name, its first number after a
    /// colon, the others by name (<c>per_share:0.005,minimum=1,maximum=0.01</c>; <c>bps:5</c>; <c>none</c>).</summary>
    /// <returns>The choice, or null with <paramref name="problem"/> saying what is wrong in words that follow the
    /// option's name (<c>--commission</c> + <c>per_share takes per_share, minimum or maximum; got 'min'</c>).</returns>
    public CostModelChoice<TModel>? ParseSpec(string? text, out string? problem)
    {
        problem = null;
        var parts = (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
        var head = parts[0].Split(':', 2, StringSplitOptions.TrimEntries);
        var kind = Find(head[0]);
        if (kind is null)
        {
            problem = $"takes a {What} model, {Names}, as MODEL[:NUMBER][,NAME=NUMBER] (e.g. {Kinds.MaxBy(k => k.Numbers.Count)!.Example}); got '{text}'";
            return null;
        }

        var values = new decimal?[kind.Numbers.Count];
        var given = new bool[kind.Numbers.Count];
        var assignments = new List<(string Name, string Text)>();
        if (head.Length == 2)
        {
            if (kind.Numbers.Count == 0)
            {
                problem = $"{kind.Name} takes no numbers; got '{text}'";
                return null;
            }

            assignments.Add((kind.Numbers[0].Name, head[1]));
        }

        foreach (var part in parts.Skip(1))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || pair[0].Length == 0)
            {
                problem = $"{kind.Name}: '{part}' is not NAME=NUMBER ({Takes(kind)})";
                return null;
            }

            assignments.Add((pair[0], pair[1]));
        }

        foreach (var (name, number) in assignments)
        {
            var index = IndexOf(kind, name);
            if (index < 0)
            {
                problem = $"{kind.Name} {Takes(kind)}; got '{name}'";
                return null;
            }

            var rule = kind.Numbers[index];
            if (given[index])
            {
                problem = $"{kind.Name}: {rule.Name} is given twice";
                return null;
            }

            given[index] = true;
            if (!decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || rule.Check(value) is not null)
            {
                problem = $"{kind.Name}: {rule.Name} must be {rule.Rule}; got '{number}'";
                return null;
            }

            values[index] = value;
        }

        return Complete(kind, values, given, missing => $"{kind.Name} needs {missing} (e.g. {kind.Example})", out problem);
    }

    /// <summary>Reads a choice written as a JSON object at <paramref name="path"/>, adding one line per problem, each
    /// naming its JSON path, to <paramref name="problems"/>.</summary>
    /// <returns>The choice, or null when the value is JSON null (not given) or has problems.</returns>
    public CostModelChoice<TModel>? Read(JsonElement element, string path, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path} must be an object such as {{\"model\": \"{Kinds[^1].Name}\", ...}} (models: {Names}); got a JSON {Kind(element)}");
            return null;
        }

        if (!element.TryGetProperty("model", out var model) || model.ValueKind == JsonValueKind.Null)
        {
            problems.Add($"{path}.model is required: {Names}");
            return null;
        }

        var kind = model.ValueKind == JsonValueKind.String ? Find(model.GetString()) : null;
        if (kind is null)
        {
            problems.Add($"{path}.model must be {Names}; got {JsonShown.Of(model)}");
            return null;
        }

        var count = problems.Count;
        var values = new decimal?[kind.Numbers.Count];
        var given = new bool[kind.Numbers.Count];
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name == "model")
            {
                continue;
            }

            var index = IndexOf(kind, property.Name, ignoreCase: false);
            if (index < 0)
            {
                problems.Add($"{path}.{property.Name} is not a number of a {kind.Name} {What}; it takes model{(kind.Numbers.Count == 0 ? " only" : ", " + string.Join(", ", kind.Numbers.Select(n => n.Name)))}");
                continue;
            }

            var rule = kind.Numbers[index];
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            given[index] = true;
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDecimal(out var value) || rule.Check(value) is not null)
            {
                problems.Add($"{path}.{rule.Name} must be {rule.Rule}; got {JsonShown.Of(property.Value)}");
                continue;
            }

            values[index] = value;
        }

        if (problems.Count > count)
        {
            return null;
        }

        var choice = Complete(kind, values, given, missing => $"{path}.{missing} is required for a {kind.Name} {What}", out var problem);
        if (problem is not null)
        {
            problems.Add(problem);
        }

        return choice;
    }

    /// <summary>Writes <paramref name="choice"/> as the JSON object <see cref="Read"/> reads, every number included
    /// (null for an absent optional one), so a reader sees the whole model.</summary>
    public static void Write(Utf8JsonWriter json, string name, CostModelChoice<TModel> choice)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(choice);
        json.WriteStartObject(name);
        json.WriteString("model", choice.Kind.Name);
        for (var i = 0; i < choice.Values.Count; i++)
        {
            if (choice.Values[i] is { } value)
            {
                json.WriteNumber(choice.Kind.Numbers[i].Name, value);
            }
            else
            {
                json.WriteNull(choice.Kind.Numbers[i].Name);
            }
        }

        json.WriteEndObject();
    }

    private static CostModelChoice<TModel>? Complete(CostModelKind<TModel> kind, decimal?[] values, bool[] given, Func<string, string> missing, out string? problem)
    {
        problem = null;
        for (var i = 0; i < values.Length; i++)
        {
            if (!given[i])
            {
                values[i] = kind.Numbers[i].Default;
            }

            if (values[i] is null && kind.Numbers[i].Required)
            {
                problem = missing(kind.Numbers[i].Name);
                return null;
            }
        }

        return new CostModelChoice<TModel>(kind, values);
    }

    private static string Takes(CostModelKind<TModel> kind) => kind.Numbers.Count switch
    {
        0 => "takes no numbers",
        1 => $"takes {kind.Numbers[0].Name}",
        _ => $"takes {string.Join(", ", kind.Numbers.Take(kind.Numbers.Count - 1).Select(n => n.Name))} or {kind.Numbers[^1].Name}",
    };

    private static int IndexOf(CostModelKind<TModel> kind, string name, bool ignoreCase = true)
    {
        var wanted = ignoreCase ? Normal(name) : name;
        for (var i = 0; i < kind.Numbers.Count; i++)
        {
            if (kind.Numbers[i].Name == wanted)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Normal(string? name) => (name ?? string.Empty).Trim().Replace('-', '_').ToLowerInvariant();

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

}
