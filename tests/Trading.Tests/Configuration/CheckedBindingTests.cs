using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Trading.Configuration;
using Trading.Data.Caching;

namespace Trading.Tests.Configuration;

public sealed class CheckedBindingTests
{
    private sealed class Limits
    {
        public int PermitLimit { get; set; } = 10;

        public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);

        public TimeSpan? Expiry { get; set; } = TimeSpan.FromMinutes(1);
    }

    private sealed class Settings
    {
        public decimal Cash { get; set; } = 100m;

        public long SizeLimitBytes { get; set; } = 1;

        public bool Enabled { get; set; }

        public Uri Address { get; set; } = new("https://example.com");

        public Limits Limits { get; set; } = new();
    }

    private static IConfigurationSection Section(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, v.Value)))
            .Build()
            .GetSection("Server");

    [Theory]
    [InlineData("Server:Limits:Window", "abc", "Server:Limits:Window must be a duration as [d.]hh:mm:ss, like 00:00:30; got 'abc'")]
    [InlineData("Server:SizeLimitBytes", "abc", "Server:SizeLimitBytes must be a whole number from -9223372036854775808 to 9223372036854775807; got 'abc'")]
    [InlineData("Server:Cash", "1e40", "Server:Cash must be a number between -79228162514264337593543950335 and 79228162514264337593543950335, like 0.5; got '1e40'")]
    [InlineData("Server:Enabled", "yes please", "Server:Enabled must be true or false; got 'yes please'")]
    [InlineData("Server:Limits:PermitLimit", "99999999999", "Server:Limits:PermitLimit must be a whole number from -2147483648 to 2147483647; got '99999999999'")]
    public void A_value_that_does_not_convert_is_refused_naming_its_key_and_the_form_it_takes(string key, string value, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Section((key, value)).BindChecked(new Settings()));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Values_that_convert_bind_as_the_binder_binds_them_and_an_empty_nullable_unsets_it()
    {
        var settings = new Settings();

        Section(("Server:Cash", "2500.5"), ("server:limits:window", "00:00:02"), ("Server:Limits:Expiry", string.Empty), ("Server:Enabled", "true"), ("Server:Unknown", "anything"))
            .BindChecked(settings);

        Assert.Equal(2500.5m, settings.Cash);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.Limits.Window);
        Assert.Null(settings.Limits.Expiry);
        Assert.True(settings.Enabled);
    }

    [Theory]
    [InlineData("Cache:SlidingExpiration", "-00:01:00", "Cache:SlidingExpiration must be a positive duration, or empty to keep entries until evicted; got -00:01:00.")]
    [InlineData("Cache:SizeLimitBytes", "-1", "Cache:SizeLimitBytes must be at least 0 (0 caches nothing); got -1.")]
    [InlineData("Cache:SizeLimitBytes", "abc", "Cache:SizeLimitBytes must be a whole number from -9223372036854775808 to 9223372036854775807; got 'abc'")]
    public void Cache_options_are_checked_when_they_are_first_read(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create<string, string?>(key, value)]).Build();
        var services = new ServiceCollection();
        services.AddOptions<MarketDataCacheOptions>().BindChecked(configuration.GetSection("Cache")).ValidateProblem(o => o.Problem());
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MarketDataCacheOptions>>().Value);

        Assert.Equal(expected, error.Message);
    }
}
