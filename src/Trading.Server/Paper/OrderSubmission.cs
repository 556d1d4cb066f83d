using Trading.Domain;
using Trading.Execution;
using Trading.Server.Data;
using Trading.Server.Hosting;

namespace Trading.Server.Paper;

/// <summary>An order as a client sends it: snake_case names, the type and time in force as words.</summary>
internal sealed record OrderSubmission(
    string? Symbol,
    string? Side,
    decimal? Quantity,
    string? Type,
    decimal? LimitPrice,
    decimal? StopPrice,
    decimal? TrailAmount,
    decimal? TrailPercent,
    string? TimeInForce,
    string? Tag,
    string? ClientOrderId = null)
{
    public const decimal MaxQuantity = 1_000_000_000m;

    /// <summary>The largest limit, stop or trail a client may send; far inside what the venue accounts for.</summary>
    public const decimal MaxPrice = 1_000_000_000m;

    /// <summary>The order a request's body asks for, or the 4xx problem that says why there is none.</summary>
    public static async Task<(OrderRequest? Order, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<OrderSubmission>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null || body is null)
        {
            return (null, problem);
        }

        var errors = new RequestErrors();
        return body.ToRequest(errors) is { } order ? (order, null) : (null, errors.ToProblem());
    }

    /// <summary>The 409 for cancelling an order that can no longer fill.</summary>
    public static IResult NotCancellable(string field, long orderId, OrderStatus status) =>
        ApiProblem.Field(StatusCodes.Status409Conflict, field, $"order #{orderId} is {status.ToString().ToLowerInvariant()}: only an order that can still fill can be cancelled");

    /// <summary>The order it describes, or null with a problem per bad field in <paramref name="errors"/>.</summary>
    public OrderRequest? ToRequest(RequestErrors errors)
    {
        var symbol = DataEndpoints.ParseSymbol(Symbol, "symbol", errors);
        OrderSide? side = Side?.Trim().ToLowerInvariant() switch
        {
            "buy" => OrderSide.Buy,
            "sell" => OrderSide.Sell,
            _ => null,
        };
        if (side is null)
        {
            errors.Add("side", $"side must be buy or sell; got '{BarRange.Shorten(Side ?? "nothing")}'");
        }

        if (Quantity is not { } quantity || quantity <= 0 || quantity > MaxQuantity || quantity != decimal.Truncate(quantity))
        {
            errors.Add("quantity", $"quantity must be a whole number of shares from 1 to {MaxQuantity:N0}; got {Quantity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}");
        }

        OrderType? type = (Type ?? "market").Trim().ToLowerInvariant() switch
        {
            "market" => OrderType.Market,
            "limit" => OrderType.Limit,
            "stop" => OrderType.Stop,
            "stop_limit" => OrderType.StopLimit,
            "trailing_stop" => OrderType.TrailingStop,
            "market_on_open" => OrderType.MarketOnOpen,
            "market_on_close" => OrderType.MarketOnClose,
            _ => null,
        };
        if (type is null)
        {
            errors.Add("type", $"type must be market, limit, stop, stop_limit, trailing_stop, market_on_open or market_on_close; got '{BarRange.Shorten(Type!)}'");
        }

        TimeInForce? timeInForce = (TimeInForce ?? "gtc").Trim().ToLowerInvariant() switch
        {
            "gtc" or "good_till_cancelled" => Domain.TimeInForce.GoodTillCancelled,
            "day" => Domain.TimeInForce.Day,
            _ => null,
        };
        if (timeInForce is null)
        {
            errors.Add("time_in_force", $"time_in_force must be gtc or day; got '{BarRange.Shorten(TimeInForce!)}'");
        }

        CheckPrice(LimitPrice, "limit_price", errors, type is OrderType.Limit or OrderType.StopLimit);
        CheckPrice(StopPrice, "stop_price", errors, type is OrderType.Stop or OrderType.StopLimit);
        if (type == OrderType.TrailingStop && TrailAmount.HasValue == TrailPercent.HasValue)
        {
            errors.Add("trail_amount", "a trailing stop needs exactly one of trail_amount or trail_percent");
        }

        if (type != OrderType.TrailingStop && (TrailAmount.HasValue || TrailPercent.HasValue))
        {
            errors.Add(TrailAmount.HasValue ? "trail_amount" : "trail_percent", "only trailing stops have a trail");
        }

        if (TrailAmount is <= 0 or > MaxPrice)
        {
            errors.Add("trail_amount", $"trail_amount must be a positive amount up to {MaxPrice:N0}; got {TrailAmount}");
        }

        if (TrailPercent is <= 0 or >= 1)
        {
            errors.Add("trail_percent", $"trail_percent is a fraction between 0 and 1 (0.05 is 5%); got {TrailPercent}");
        }

        if (Tag is { Length: > 100 })
        {
            errors.Add("tag", $"tag is at most 100 characters; got {Tag.Length}");
        }

        if (ClientOrderId is not null && !OrderRequest.IsClientOrderId(ClientOrderId))
        {
            errors.Add("client_order_id", $"client_order_id is 1 to 64 letters, digits, '.', '_', ':' or '-'; got '{BarRange.Shorten(ClientOrderId)}'");
        }

        if (errors.Any)
        {
            return null;
        }

        var q = Quantity!.Value;
        var order = type!.Value switch
        {
            OrderType.Limit => OrderRequest.Limit(symbol, side!.Value, q, LimitPrice!.Value),
            OrderType.Stop => OrderRequest.Stop(symbol, side!.Value, q, StopPrice!.Value),
            OrderType.StopLimit => OrderRequest.StopLimit(symbol, side!.Value, q, StopPrice!.Value, LimitPrice!.Value),
            OrderType.TrailingStop when TrailAmount is { } amount => OrderRequest.TrailingStopByAmount(symbol, side!.Value, q, amount),
            OrderType.TrailingStop => OrderRequest.TrailingStopByPercent(symbol, side!.Value, q, TrailPercent!.Value),
            OrderType.MarketOnOpen => OrderRequest.MarketOnOpen(symbol, side!.Value, q),
            OrderType.MarketOnClose => OrderRequest.MarketOnClose(symbol, side!.Value, q),
            _ => OrderRequest.Market(symbol, side!.Value, q),
        };
        return order with { TimeInForce = timeInForce!.Value, Tag = Tag, ClientOrderId = ClientOrderId };
    }

    /// <summary>The answer to an order request: 201 with the new order; for a client order id seen before, 200 with
    /// the order it named (the client's retry) when the request is the same, else a 409 naming the id.</summary>
    public static IResult Answer(OrderRequest asked, OrderTicket ticket, bool repeated, OrderView view, string location)
    {
        if (!repeated)
        {
            return TypedResults.Created(location, view);
        }

        return ticket.Request == asked
            ? TypedResults.Ok(view)
            : ApiProblem.Field(StatusCodes.Status409Conflict, "client_order_id", $"client_order_id '{asked.ClientOrderId}' names order #{ticket.Id}, which is another order ({ticket.Request}); use a new id for a new order");
    }

    private static void CheckPrice(decimal? price, string field, RequestErrors errors, bool needed)
    {
        if (needed && price is null)
        {
            errors.Add(field, $"this order type needs a {field}");
        }
        else if (!needed && price is not null)
        {
            errors.Add(field, $"this order type has no {field}");
        }
        else if (price is <= 0 or > MaxPrice)
        {
            errors.Add(field, $"{field} must be a positive price up to {MaxPrice:N0}; got {price}");
        }
    }
}
