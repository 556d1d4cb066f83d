using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Trading.Configuration;

/// <summary>Binds a configuration section as .NET's binder does, but a value that does not convert is refused in one
/// line that names its key and the form it takes (<c>Server:RateLimit:Window must be a duration as [d.]hh:mm:ss,
/// like 00:00:30; got 'abc'</c>) instead of the binder's "Failed to convert ... to type 'System.TimeSpan'" with its
/// inner exceptions.</summary>
/// <remarks>Each value is tried with the converter the binder itself uses, before binding, so the check and the
/// binding cannot disagree. The refusal is an <see cref="OptionsValidationException"/>: a host that validates its
/// options at start stops with it, and a command line tool reports it as any other bad setting.</remarks>
public static class CheckedBinding
{
    /// <summary>Binds <paramref name="section"/> to <paramref name="options"/>, or throws naming the first value that
    /// does not convert.</summary>
    /// <exception cref="OptionsValidationException">A value is not of its setting's type.</exception>
    public static void BindChecked<T>(this IConfigurationSection section, T options)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        if (Problem(section, typeof(T)) is { } problem)
        {
            throw new OptionsValidationException(section.Path, typeof(T), [problem]);
        }

        section.Bind(options);
    }

    /// <summary>Binds the options to <paramref name="section"/> with <see cref="BindChecked{T}(IConfigurationSection, T)"/>.</summary>
    public static OptionsBuilder<T> BindChecked<T>(this OptionsBuilder<T> builder, IConfigurationSection section)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        return builder.Configure(options => section.BindChecked(options));
    }

    /// <summary>Validates the options with <paramref name="problem"/>: null when they are valid, else one sentence
    /// that names the setting.</summary>
    public static OptionsBuilder<T> ValidateProblem<T>(this OptionsBuilder<T> builder, Func<T, string?> problem)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(problem);
        builder.Services.AddSingleton<IValidateOptions<T>>(new ProblemValidator<T>(builder.Name, problem));
        return builder;
    }

    /// <summary>The first problem with the settings under <paramref name="section"/> read as <typeparamref name="T"/>:
    /// a value that does not convert, else what <paramref name="rule"/> says of them bound; null when there is none.
    /// For a program without a host that wants a bad setting refused before it is used.</summary>
    public static string? Problem<T>(IConfigurationSection section, Func<T, string?>? rule = null)
        where T : class, new()
    {
        if (Problem(section, typeof(T)) is { } conversion)
        {
            return conversion;
        }

        if (rule is null)
        {
            return null;
        }

        var options = new T();
        section.Bind(options);
        return rule(options);
    }

    /// <summary>The first value under <paramref name="section"/> that <paramref name="type"/>'s property of the same
    /// name (ignoring case, as the binder does) cannot take, said in one line; null when every value converts. Keys
    /// with no such property are left alone, as the binder leaves them.</summary>
    public static string? Problem(IConfigurationSection section, Type type)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(type);
        foreach (var child in section.GetChildren())
        {
            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var converter = TypeDescriptor.GetConverter(target);
            if (child.Value is { } text && target != typeof(string) && converter.CanConvertFrom(typeof(string)))
            {
                if (text.Length == 0 && target != property.PropertyType)
                {
                    continue; // An empty value unsets a nullable setting.
                }

                try
                {
                    converter.ConvertFromInvariantString(text);
                }
                catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or NotSupportedException or UriFormatException)
                {
                    return $"{child.Path} must be {Form(target)}; got '{text}'";
                }
            }
            else if (child.Value is null && target.IsClass && target != typeof(string) && Problem(child, target) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    /// <summary>What a value of <paramref name="type"/> looks like, for a person editing a setting.</summary>
    private static string Form(Type type) => type switch
    {
        _ when type == typeof(TimeSpan) => "a duration as [d.]hh:mm:ss, like 00:00:30",
        _ when type == typeof(int) => Whole(int.MinValue, int.MaxValue),
        _ when type == typeof(long) => Whole(long.MinValue, long.MaxValue),
        _ when type == typeof(short) => Whole(short.MinValue, short.MaxValue),
        _ when type == typeof(uint) => Whole(uint.MinValue, uint.MaxValue),
        _ when type == typeof(ulong) => Whole(ulong.MinValue, ulong.MaxValue),
        _ when type == typeof(decimal) => "a number between -79228162514264337593543950335 and 79228162514264337593543950335, like 0.5",
        _ when type == typeof(double) || type == typeof(float) => "a number, like 0.5",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(Uri) => "a URI, like https://example.com",
        _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}",
        _ => $"a {type.Name} value",
    };

    private static string Whole(IFormattable min, IFormattable max) =>
        $"a whole number from {min.ToString(null, CultureInfo.InvariantCulture)} to {max.ToString(null, CultureInfo.InvariantCulture)}";

    private sealed class ProblemValidator<T>(string? name, Func<T, string?> problem) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? optionsName, T options)
        {
            if (name is not null && name != optionsName)
            {
                return ValidateOptionsResult.Skip;
            }

            return problem(options) is { } failure ? ValidateOptionsResult.Fail(failure) : ValidateOptionsResult.Success;
        }
    }
}
