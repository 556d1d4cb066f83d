using Trading.Domain;
using Trading.Execution;
using Trading.Portfolio;

namespace Trading.Server.Paper;

internal sealed partial class PaperAccount
{
    /// <summary>Runs <paramref name="work"/> with the account to itself until it completes, awaits included: a plan
    /// made and submitted in one hold sees no order, advance or reset of another request in between.</summary>
    public async Task<T> HoldAsync<T>(Func<Hold, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work(new Hold(this)).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The account while <see cref="HoldAsync"/> keeps it: what a decision reads and does. Not to be kept
    /// beyond the hold.</summary>
    internal sealed class Hold(PaperAccount account)
    {
        public PaperAccountState State => new(account._ledger, account._venue, account._fills.All, account._history, account._asOf);

        /// <summary>The account's clock (the end of the last day it has seen); null until a reset or an order sets it.</summary>
        public DateTime? Clock => account._asOf;

        /// <summary>The day of the clock.</summary>
        public DateOnly? ClockDay => account._asOf is { } t ? DateOnly.FromDateTime(t) : null;

        /// <summary>Orders that can still fill, as a plan counts them.</summary>
        public IEnumerable<WorkingOrder> WorkingOrders => account._venue.Orders
            .Where(o => o.Status.IsWorking())
            .Select(o => new WorkingOrder(o.Id, o.Request.Symbol, o.Request.Side, o.Request.Type, o.RemainingQuantity, o.Request.LimitPrice ?? o.Request.StopPrice ?? o.TrailingStopPrice));

        /// <summary>Sets the clock to the end of <paramref name="day"/> when it is not set yet.</summary>
        public void StartClock(DateOnly day) => account._asOf ??= EndOfDay(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

        /// <summary>The last stored daily close of <paramref name="symbol"/> at or before the clock (or the end of
        /// <paramref name="day"/>, for a clock about to start there); null when none.</summary>
        public async Task<double?> CloseAsync(Symbol symbol, CancellationToken cancellationToken, DateOnly? day = null)
        {
            var until = day is { } d ? EndOfDay(d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)) : account._asOf;
            var bars = await account._store.ReadBarsAsync(symbol, Interval, null, until, cancellationToken).ConfigureAwait(false);
            return bars.IsEmpty ? null : bars.Close[^1];
        }

        /// <summary>Submits <paramref name="order"/> at the clock, priced for the account's check at <paramref name="close"/>.</summary>
        /// <exception cref="InvalidOperationException">The clock is not set.</exception>
        /// <exception cref="ArgumentException">The order is malformed.</exception>
        public OrderTicket Submit(OrderRequest order, decimal close) =>
            account._venue.Submit(order, account._asOf ?? throw new InvalidOperationException("The paper account's clock is not set."), close);

        /// <summary>Cancels an order that can still fill; false when it cannot.</summary>
        public bool Cancel(long id) => account._venue.Cancel(id, account._asOf ?? account._clock.GetUtcNow().UtcDateTime);
    }
}
