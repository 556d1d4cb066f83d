using Trading.Domain;
using Trading.Execution;
using Trading.Portfolio;

namespace Trading.Server.Paper;

internal sealed partial class PaperAccount
{
    /// <summary>Runs <paramref name="work"/> with the account to itself until it completes, awaits included: a plan
    /// made and submitted in one hold sees no order, advance or reset of another request in between. When another
    /// process wrote the account meanwhile, the work runs again on the account as it now is.</summary>
    public async Task<T> HoldAsync<T>(Func<Hold, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return await ExclusiveAsync(
            async () =>
            {
                await CurrentAsync(cancellationToken).ConfigureAwait(false);
                return await work(new Hold(this)).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The account while <see cref="HoldAsync"/> keeps it: what a decision reads and does. Not to be kept
    /// beyond the hold.</summary>
    internal sealed class Hold(PaperAccount account)
    {
        /// <summary>The account's clock (the end of the last day it has seen); null until a reset or an order sets it.</summary>
        public DateTime? Clock => account._node is { } node ? account.AsOf(node) : null;

        /// <summary>The day of the clock.</summary>
        public DateOnly? ClockDay => Clock is { } t ? DateOnly.FromDateTime(t) : null;

        /// <summary>The account as it stands; its objects are live, to be read within the hold only.</summary>
        public async Task<PaperAccountState> StateAsync(CancellationToken cancellationToken)
        {
            var node = await account.CurrentAsync(cancellationToken).ConfigureAwait(false);
            return await node.ReadAsync(account.State, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Orders that can still fill, as a plan counts them.</summary>
        public static IEnumerable<WorkingOrder> WorkingOrders(PaperAccountState state) => state.Venue.Orders
            .Where(o => o.Status.IsWorking())
            .Select(o => new WorkingOrder(o.Id, o.Request.Symbol, o.Request.Side, o.Request.Type, o.RemainingQuantity, o.Request.LimitPrice ?? o.Request.StopPrice ?? o.TrailingStopPrice));

        /// <summary>The last stored daily close of <paramref name="symbol"/> at or before the clock (or the end of
        /// <paramref name="day"/>, for a clock about to start there); null when none.</summary>
        public async Task<double?> CloseAsync(Symbol symbol, CancellationToken cancellationToken, DateOnly? day = null)
        {
            var until = day is { } d ? EndOfDay(d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)) : Clock;
            var bars = await account._store.ReadBarsAsync(symbol, Interval, null, until, cancellationToken).ConfigureAwait(false);
            return bars.IsEmpty ? null : bars.Close[^1];
        }

        /// <summary>Cancels <paramref name="cancels"/> and submits <paramref name="orders"/> (each priced for the cash
        /// check at its close) at the clock, or at the end of <paramref name="startDay"/> for an account whose clock is
        /// not set: journaled together, all or nothing.</summary>
        /// <exception cref="ArgumentException">An order is malformed; nothing was journaled.</exception>
        public Task<(IReadOnlyList<OrderTicket> Cancelled, IReadOnlyList<OrderTicket> Submitted)> SendAsync(
            DateOnly startDay,
            IReadOnlyList<long> cancels,
            IReadOnlyList<(OrderRequest Order, decimal Close)> orders,
            CancellationToken cancellationToken) =>
            account.SendAsync(Clock ?? EndOfDay(startDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)), cancels, orders, cancellationToken);
    }
}
