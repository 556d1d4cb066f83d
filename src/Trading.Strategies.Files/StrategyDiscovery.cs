using System.Reflection;

namespace Trading.Strategies.Files;

/// <summary>The rule that finds the strategies in a user's assembly: every public, non-abstract class that implements
/// <see cref="IStrategy"/> and declares a public static <c>Definition</c> (property or field) of type
/// <see cref="StrategyDefinition"/>, as the built-ins do. Declaration order is kept.</summary>
/// <remarks>A public strategy class without a Definition is an error, not skipped: a strategy that silently does not
/// appear is harder to find than a line that names it. A helper strategy that is not for users can be internal.</remarks>
internal static class StrategyDiscovery
{
    public const string Rule = "a strategy is a public class that implements IStrategy and declares public static StrategyDefinition Definition";

    public static (IReadOnlyList<StrategyDefinition> Strategies, IReadOnlyList<StrategyFileError> Errors) Find(Assembly assembly, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var errors = new List<StrategyFileError>();
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            return ([], [Error(displayPath, $"its types could not be loaded: {MessageOf(e)}")]);
        }

        var found = new List<(StrategyDefinition Definition, Type Type)>();
        foreach (var type in types.OrderBy(t => t.MetadataToken))
        {
            if (!type.IsClass || type.IsAbstract || type.ContainsGenericParameters || !typeof(IStrategy).IsAssignableFrom(type))
            {
                continue;
            }

            var (definition, problem) = DefinitionOf(type);
            if (problem is not null)
            {
                errors.Add(Error(displayPath, problem));
                continue;
            }

            if (found.FirstOrDefault(f => string.Equals(f.Definition.Name, definition!.Name, StringComparison.OrdinalIgnoreCase)) is { Type: { } other })
            {
                errors.Add(Error(displayPath, $"{other.Name} and {type.Name} are both named {definition!.Name}; a strategy's name is its own (names ignore case)"));
                continue;
            }

            found.Add((definition!, type));
        }

        if (found.Count == 0 && errors.Count == 0)
        {
            errors.Add(Error(displayPath, $"no strategy in it: {Rule}"));
        }

        return errors.Count > 0 ? ([], errors) : ([.. found.Select(f => f.Definition)], []);
    }

    private static (StrategyDefinition? Definition, string? Problem) DefinitionOf(Type type)
    {
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var property = type.GetProperty("Definition", Declared);
        var field = property is null ? type.GetField("Definition", Declared) : null;
        var declared = property?.PropertyType ?? field?.FieldType;
        if (declared is null)
        {
            return (null, $"{type.Name} implements IStrategy but declares no public static StrategyDefinition Definition (its name, description and parameters)");
        }

        if (declared != typeof(StrategyDefinition))
        {
            return (null, $"{type.Name}.Definition is a {declared.Name}, not a StrategyDefinition");
        }

        try
        {
            var value = property is not null ? property.GetValue(null) : field!.GetValue(null);
            return value is StrategyDefinition definition ? (definition, null) : (null, $"{type.Name}.Definition is null");
        }
        catch (Exception e) when (e is TargetInvocationException or TypeInitializationException)
        {
            // The strategy's own check refused its definition (a default out of range, a name not in snake_case).
            return (null, $"{type.Name}.Definition failed: {MessageOf(e)}");
        }
    }

    private static StrategyFileError Error(string displayPath, string message) => new(displayPath, 0, 0, null, message);

    /// <summary>The message of the exception underneath the reflection wrappers, without .NET's parameter suffix.</summary>
    private static string MessageOf(Exception e)
    {
        var cause = Innermost(e);
        return cause is ArgumentException { ParamName: { } name }
            ? cause.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
            : cause.Message;
    }

    private static Exception Innermost(Exception e)
    {
        while (e is TargetInvocationException or TypeInitializationException && e.InnerException is { } inner)
        {
            e = inner;
        }

        return e is ReflectionTypeLoadException { LoaderExceptions: [{ } first, ..] } ? first : e;
    }
}
