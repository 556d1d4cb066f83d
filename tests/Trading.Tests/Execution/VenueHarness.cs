using Trading.Domain;
using Trading.Execution;

namespace Trading.Tests.Execution;

/// <summary>A venue on one symbol, AAA, driven the way the engine drives it, with daily bars on January 2024 days.</summary>
internal sealed class VenueHarness
{
    public static readonly Symbol Aaa = Symbol.Parse("AAA");

    public VenueHarness(VenueSettings? settings = null)
    {
        Venue = new SimulatedVenue(settings ?? new VenueSettings(), Funding);
        Venue.OrderChanged += Events.Add;
    }

    public FakeFunding Funding { get; } = new();

    public SimulatedVenue Venue { get; }

    /// <summary>Every event the venue raised, in order.</summary>
    public List<OrderEvent> Events { get; } = [];

    public static DateTime Day(int day) => new(2024, 1, day, 0, 0, 0, DateTimeKind.Utc);

    public static DateTime At(int day, int hour, int minute) => new(2024, 1, day, hour, minute, 0, DateTimeKind.Utc);

    public static Bar Bar(int day, double open, double high, double low, double close, double volume = 1_000_000) =>
        new(Day(day), open, high, low, close, volume);

    /// <summary>Submits at a time with the reference price 10 unless told.</summary>
    public OrderTicket Submit(OrderRequest order, DateTime time, decimal referencePrice = 10m) => Venue.Submit(order, time, referencePrice);

    /// <summary>One whole time step with no strategy in it: the open's fills, the close's fills, the session end.</summary>
    public List<Fill> Step(in Bar bar)
    {
        var fills = Open(bar);
        fills.AddRange(Close(bar));
        return fills;
    }

    /// <summary>The first part of a time step: orders working from earlier meet the bar.</summary>
    public List<Fill> Open(in Bar bar)
    {
        var fills = new List<Fill>();
        Venue.OnBar(Aaa, bar, fills);
        return fills;
    }

    /// <summary>The last part of a time step, after the strategy: same-bar fills (when switched on) and the session end.</summary>
    public List<Fill> Close(in Bar bar)
    {
        var fills = new List<Fill>();
        Venue.OnBarClose(Aaa, bar, fills);
        Venue.OnSessionEnd(bar.Time);
        return fills;
    }
}
