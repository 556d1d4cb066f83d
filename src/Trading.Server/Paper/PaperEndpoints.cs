using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Trading.Domain;
using Trading.Nodes;
using Trading.Server.Data;
using Trading.Server.Hosting;

namespace Trading.Server.Paper;

/// <summary>Execution and portfolio state on the paper account: orders (submit, list, get, cancel), the clock
/// (advance, reset), and the account's cash, positions, transactions and performance.</summary>
internal static class PaperEndpoints
{
    public static RouteGroupBuilder MapPaperEndpoints(this RouteGroupBuilder api)
    {
        var paper = api.MapGroup("/paper").WithTags("Paper trading");
        paper.MapPost("/orders", Submit)
            .WithName("SubmitOrder")
            .WithSummary("Submits an order at the account's clock; it fills against stored bars newer than the clock when the account is advanced.")
            .Accepts<OrderSubmission>("application/json")
            .Produces<OrderView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireApiKey();
        paper.MapGet("/orders", List)
            .WithName("ListOrders")
            .WithSummary("Every order, or those of one status (status=working for accepted and partially filled ones).")
            .Produces<IReadOnlyList<OrderView>>();
        paper.MapGet("/orders/{id}", Get)
            .WithName("GetOrder")
            .Produces<OrderView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        paper.MapDelete("/orders/{id}", Cancel)
            .WithName("CancelOrder")
            .WithSummary("Cancels what remains of an order; 409 when it is already filled, cancelled, rejected or expired.")
            .Produces<OrderView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireApiKey();
        paper.MapPost("/advance", Advance)
            .WithName("AdvancePaperAccount")
            .WithSummary("Processes stored bars after the account's clock, up to `to` (yyyy-MM-dd) or the last stored bar: orders fill, positions are marked.")
            .Accepts<AdvanceRequest>("application/json")
            .Produces<AdvanceView>()
            .RequireApiKey();
        paper.MapPost("/reset", Reset)
            .WithName("ResetPaperAccount")
            .WithSummary("Starts the paper account over with `cash` and its clock at `start_date` (both optional).")
            .Accepts<ResetRequest>("application/json")
            .Produces<AccountView>()
            .RequireApiKey();
        paper.MapGet("/account", async (PaperAccount account, CancellationToken ct) =>
                TypedResults.Ok(await account.ReadAsync(AccountView.Of, ct).ConfigureAwait(false)))
            .WithName("GetPaperAccount")
            .WithSummary("Cash, equity, P&L and open positions.");
        paper.MapGet("/positions", async (PaperAccount account, CancellationToken ct) =>
                TypedResults.Ok(await account.ReadAsync(s => PositionView.Of(s.Ledger), ct).ConfigureAwait(false)))
            .WithName("GetPaperPositions");
        paper.MapGet("/transactions", async (PaperAccount account, CancellationToken ct) =>
                TypedResults.Ok(await account.ReadAsync(s => s.Ledger.Transactions.Select(TransactionView.Of).ToArray(), ct).ConfigureAwait(false)))
            .WithName("GetPaperTransactions")
            .WithSummary("The ledger's journal: deposit, buys, sells, dividends, splits.");
        paper.MapGet("/performance", async (PaperAccount account, CancellationToken ct) =>
                TypedResults.Ok(await account.ReadAsync(PerformanceView.Of, ct).ConfigureAwait(false)))
            .WithName("GetPaperPerformance")
            .WithSummary("The equity after each processed bar, total return and deepest drawdown.");
        paper.MapGet("/reconciliation", async (PaperAccount account, CancellationToken ct) =>
                TypedResults.Ok(await account.ReadAsync(s => Reconciliation.Of(s.Ledger, s.Venue, s.AsOf), ct).ConfigureAwait(false)))
            .WithName("ReconcilePaperAccount")
            .WithSummary("The ledger rebuilt from the journal, the venue's account and the journal's transactions summed: cash and each position three ways, and any difference.");
        return api;
    }

    private static async Task<IResult> Submit(HttpRequest request, PaperAccount account, CancellationToken cancellationToken)
    {
        var (order, problem) = await OrderSubmission.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (order is null)
        {
            return problem!;
        }

        var (ticket, repeated, refusal) = await account.SubmitAsync(order, cancellationToken).ConfigureAwait(false);
        return ticket is null ? refusal! : OrderSubmission.Answer(order, ticket, repeated, OrderView.Of(ticket), $"/api/v1/paper/orders/{ticket.Id}");
    }

    private static async Task<IResult> List([FromQuery(Name = "status")] string? status, PaperAccount account, CancellationToken cancellationToken)
    {
        Func<OrderStatus, bool>? keep = status?.Trim().ToLowerInvariant() switch
        {
            null or "" or "all" => _ => true,
            "working" => s => s.IsWorking(),
            "submitted" => s => s == OrderStatus.Submitted,
            "accepted" => s => s == OrderStatus.Accepted,
            "partially_filled" => s => s == OrderStatus.PartiallyFilled,
            "filled" => s => s == OrderStatus.Filled,
            "cancelled" => s => s == OrderStatus.Cancelled,
            "rejected" => s => s == OrderStatus.Rejected,
            "expired" => s => s == OrderStatus.Expired,
            _ => null,
        };
        if (keep is null)
        {
            return ApiProblem.Field(StatusCodes.Status400BadRequest, "status", $"'{BarRange.Shorten(status!)}' is not an order status; valid: all, working, submitted, accepted, partially_filled, filled, cancelled, rejected, expired");
        }

        var orders = await account.ReadAsync(s => s.Venue.Orders.Where(o => keep(o.Status)).Select(OrderView.Of).ToArray(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(orders);
    }

    private static async Task<IResult> Get(string id, PaperAccount account, CancellationToken cancellationToken)
    {
        if (ParseId(id) is not { } orderId)
        {
            return BadId(id);
        }

        var order = await account.ReadAsync(s => s.Venue.Find(orderId) is { } t ? OrderView.Of(t) : null, cancellationToken).ConfigureAwait(false);
        return order is null ? NoSuchOrder(orderId) : TypedResults.Ok(order);
    }

    private static async Task<IResult> Cancel(string id, PaperAccount account, CancellationToken cancellationToken)
    {
        if (ParseId(id) is not { } orderId)
        {
            return BadId(id);
        }

        var (ticket, cancelled) = await account.CancelAsync(orderId, cancellationToken).ConfigureAwait(false);
        if (ticket is null)
        {
            return NoSuchOrder(orderId);
        }

        var view = await account.ReadAsync(_ => OrderView.Of(ticket), cancellationToken).ConfigureAwait(false);
        return cancelled
            ? TypedResults.Ok(view)
            : OrderSubmission.NotCancellable("id", orderId, view.Status);
    }

    private static async Task<IResult> Advance(HttpRequest request, PaperAccount account, CancellationToken cancellationToken)
    {
        AdvanceRequest? body = new(null);
        if (JsonBody.IsPresent(request))
        {
            (body, var problem) = await JsonBody.ReadAsync<AdvanceRequest>(request, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }
        }

        var errors = new RequestErrors();
        var to = ParseDay(body?.To, "to", errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (fills, times, asOf) = await account.AdvanceAsync(to, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new AdvanceView(asOf, times, [.. fills.Select(f => new FillView(f.OrderId, f.Time, f.Symbol.Value, f.Side, f.Quantity, f.Price, f.Commission))]));
    }

    private static async Task<IResult> Reset(HttpRequest request, PaperAccount account, CancellationToken cancellationToken)
    {
        ResetRequest? body = new(null, null);
        if (JsonBody.IsPresent(request))
        {
            (body, var problem) = await JsonBody.ReadAsync<ResetRequest>(request, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }
        }

        var errors = new RequestErrors();
        var start = ParseDay(body?.StartDate, "start_date", errors);
        if (body?.Cash is < 0 or > 1_000_000_000_000m)
        {
            errors.Add("cash", $"cash must be between 0 and 1,000,000,000,000; got {body.Cash}");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await account.ResetAsync(body?.Cash, start, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(await account.ReadAsync(AccountView.Of, cancellationToken).ConfigureAwait(false));
    }

    private static DateOnly? ParseDay(string? text, string field, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || day < BarRange.Earliest || day > BarRange.Latest)
        {
            errors.Add(field, $"'{BarRange.Shorten(text)}' is not a date between {BarRange.Earliest:yyyy-MM-dd} and {BarRange.Latest:yyyy-MM-dd} written yyyy-MM-dd");
            return null;
        }

        return day;
    }

    private static long? ParseId(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    private static IResult BadId(string text) =>
        ApiProblem.Field(StatusCodes.Status400BadRequest, "id", $"'{BarRange.Shorten(text)}' is not an order id (a positive whole number)");

    private static IResult NoSuchOrder(long id) =>
        ApiProblem.Field(StatusCodes.Status404NotFound, "id", $"there is no order #{id}");
}
