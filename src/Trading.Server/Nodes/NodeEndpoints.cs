using System.Text.Json;
using Trading.Accounting;
using Trading.Journal;
using Trading.Nodes;
using Trading.Server.Hosting;
using Trading.Server.Paper;
using Trading.Strategies.Files;

namespace Trading.Server.Nodes;

/// <summary>Trading nodes: start one (a strategy over a universe, fed bar by bar, journaled), list and read them,
/// halt and resume them, stop and delete them. Their positions, orders, fills and performance come from the engine
/// their journal rebuilt.</summary>
internal static class NodeEndpoints
{
    public static RouteGroupBuilder MapNodeEndpoints(this RouteGroupBuilder api)
    {
        var nodes = api.MapGroup("/nodes").WithTags("Trading nodes");
        nodes.MapPost("/", Create)
            .WithName("StartNode")
            .WithSummary("Starts a trading node: strategy, parameters, symbols, market_index, interval, feed (replay or yahoo), from, to, speed, initial_cash, commission_rate, slippage_bps, risk. 201 with its status.")
            .Accepts<NodeRequest>("application/json")
            .Produces<NodeView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireApiKey();
        nodes.MapGet("/", List).WithName("ListNodes").WithSummary("Every stored node with its state.");
        nodes.MapGet("/{id}", Get).WithName("GetNode").Produces<NodeView>().ProducesProblem(StatusCodes.Status404NotFound);
        nodes.MapDelete("/{id}", Delete)
            .WithName("DeleteNode")
            .WithSummary("Stops the node (its step under way finishes) and deletes it with its journal; ?keep=true stops it and keeps it.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireApiKey();
        nodes.MapPost("/{id}/start", Start).WithName("StartStoredNode").WithSummary("Starts a stopped node again where its journal ends.").Produces<NodeView>().RequireApiKey();
        nodes.MapPost("/{id}/halt", Halt).WithName("HaltNode").WithSummary("The kill switch: cancels the node's working orders and refuses new ones until resumed; survives restarts.").Produces<NodeView>().RequireApiKey();
        nodes.MapPost("/{id}/resume", Resume).WithName("ResumeNode").WithSummary("Lets a halted node trade again.").Produces<NodeView>().RequireApiKey();
        nodes.MapPost("/{id}/orders", Submit)
            .WithName("SubmitNodeOrder")
            .WithSummary("A manual order to a running node, as the paper account's body: submitted between steps as a strategy's at the last step, risk-checked and journaled.")
            .Accepts<OrderSubmission>("application/json")
            .Produces<OrderView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireApiKey();
        nodes.MapDelete("/{id}/orders/{orderId}", CancelOrder)
            .WithName("CancelNodeOrder")
            .WithSummary("Cancels what remains of a node's order (journaled); 409 when it is already done.")
            .Produces<OrderView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireApiKey();
        nodes.MapGet("/{id}/positions", (string id, NodeHost host, CancellationToken ct) => Read(id, host, e => PositionView.Of(e.Ledger), ct)).WithName("GetNodePositions");
        nodes.MapGet("/{id}/orders", (string id, NodeHost host, CancellationToken ct) => Read(id, host, e => e.Venue.Orders.Select(OrderView.Of).ToArray(), ct)).WithName("GetNodeOrders");
        nodes.MapGet("/{id}/transactions", (string id, NodeHost host, CancellationToken ct) => Read(id, host, e => e.Ledger.Transactions.Select(TransactionView.Of).ToArray(), ct)).WithName("GetNodeTransactions");
        nodes.MapGet("/{id}/performance", (string id, NodeHost host, CancellationToken ct) => Read(id, host, Performance, ct))
            .WithName("GetNodePerformance")
            .WithSummary("The metrics of backtests over the node's equity after each step (CAGR, Sharpe, drawdown, ...), and the equity curve.");
        nodes.MapGet("/{id}/reconciliation", (string id, NodeHost host, CancellationToken ct) => Read(id, host, e => Reconciliation.Of(e.Ledger, e.Venue, e.EquityCurve.Count > 0 ? e.EquityCurve[^1].Time : null), ct))
            .WithName("ReconcileNode")
            .WithSummary("The ledger rebuilt from the journal, the venue's account and the journal's transactions summed: cash and each position three ways, and any difference.");
        return api;
    }

    private static async Task<IResult> Create(HttpRequest request, NodeHost host, StrategyCatalog strategies, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<NodeRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null || body is null)
        {
            return problem!;
        }

        var errors = new RequestErrors();
        if (body.ToDefinition(strategies.Registry, errors) is not { } definition)
        {
            return errors.ToProblem();
        }

        try
        {
            var node = await host.CreateAsync(definition, cancellationToken).ConfigureAwait(false);
            return TypedResults.Created($"/api/v1/nodes/{definition.Id}", NodeView.Of(node.Status, node.Definition));
        }
        catch (NodeLimitException e)
        {
            return ApiProblem.Field(StatusCodes.Status503ServiceUnavailable, "nodes", e.Message);
        }
        catch (InvalidOperationException e)
        {
            return ApiProblem.Field(StatusCodes.Status409Conflict, "id", e.Message);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return ApiProblem.Field(StatusCodes.Status400BadRequest, e.Message.Contains("strateg", StringComparison.OrdinalIgnoreCase) ? "strategy" : "parameters", e.Message);
        }
    }

    private static async Task<IResult> List(NodeHost host, INodeRegistry registry, CancellationToken cancellationToken)
    {
        var records = await registry.ReadNodesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(records.Select(r => View(r, host)).ToArray());
    }

    private static async Task<IResult> Get(string id, NodeHost host, INodeRegistry registry, CancellationToken cancellationToken)
    {
        if (await Record(id, registry, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return NoSuchNode(id);
        }

        return TypedResults.Ok(View(record, host));
    }

    private static async Task<IResult> Delete(string id, bool? keep, NodeHost host, INodeRegistry registry, CancellationToken cancellationToken)
    {
        if (await Record(id, registry, cancellationToken).ConfigureAwait(false) is null)
        {
            return NoSuchNode(id);
        }

        if (keep == true)
        {
            await host.StopNodeAsync(id, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(View((await registry.ReadNodeAsync(id, cancellationToken).ConfigureAwait(false))!, host));
        }

        await host.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Start(string id, NodeHost host, INodeRegistry registry, CancellationToken cancellationToken)
    {
        if (!NodeDefinition.IsNodeId(id))
        {
            return NoSuchNode(id);
        }

        try
        {
            var node = await host.StartAsync(id, cancellationToken).ConfigureAwait(false);
            return node is null ? NoSuchNode(id) : TypedResults.Ok(NodeView.Of(node.Status, node.Definition));
        }
        catch (NodeLimitException e)
        {
            return ApiProblem.Field(StatusCodes.Status503ServiceUnavailable, "nodes", e.Message);
        }
        catch (Exception e) when (e is ArgumentException or JsonException)
        {
            return ApiProblem.Field(StatusCodes.Status422UnprocessableEntity, "id", $"node {id} cannot start: {e.Message}");
        }
    }

    private static async Task<IResult> Halt(string id, HttpRequest request, NodeHost host, CancellationToken cancellationToken)
    {
        var (body, problem) = JsonBody.IsPresent(request)
            ? await JsonBody.ReadAsync<HaltRequest>(request, cancellationToken).ConfigureAwait(false)
            : (new HaltRequest(null), null);
        if (problem is not null || body is null)
        {
            return problem!;
        }

        if (host.Find(id) is not { } node)
        {
            return NotRunning(id);
        }

        await node.HaltAsync(string.IsNullOrWhiteSpace(body.Reason) ? "halted through the API" : body.Reason.Trim(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(NodeView.Of(node.Status, node.Definition));
    }

    private static async Task<IResult> Resume(string id, HttpRequest request, NodeHost host, CancellationToken cancellationToken)
    {
        var (body, problem) = JsonBody.IsPresent(request)
            ? await JsonBody.ReadAsync<ResumeRequest>(request, cancellationToken).ConfigureAwait(false)
            : (new ResumeRequest(null), null);
        if (problem is not null || body is null)
        {
            return problem!;
        }

        if (host.Find(id) is not { } node)
        {
            return NotRunning(id);
        }

        await node.ResumeAsync(string.IsNullOrWhiteSpace(body.By) ? "the API" : body.By.Trim(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(NodeView.Of(node.Status, node.Definition));
    }

    private static async Task<IResult> Submit(string id, HttpRequest request, NodeHost host, CancellationToken cancellationToken)
    {
        var (order, problem) = await OrderSubmission.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (order is null)
        {
            return problem!;
        }

        if (host.Find(id) is not { } node || node.Status.State is not ("running" or "paused"))
        {
            return NotRunning(id);
        }

        try
        {
            var sent = order.ClientOrderId is { } clientOrderId ? await node.ReadAsync(e => e.Venue.FindByClientOrderId(clientOrderId), cancellationToken).ConfigureAwait(false) : null;
            var ticket = sent ?? await node.SubmitAsync(order, cancellationToken).ConfigureAwait(false);
            var view = await node.ReadAsync(_ => OrderView.Of(ticket), cancellationToken).ConfigureAwait(false);
            return OrderSubmission.Answer(order, ticket, sent is not null, view, $"/api/v1/nodes/{id}/orders/{ticket.Id}");
        }
        catch (InvalidOperationException e)
        {
            return ApiProblem.Field(StatusCodes.Status409Conflict, "symbol", e.Message);
        }
    }

    private static async Task<IResult> CancelOrder(string id, string orderId, NodeHost host, CancellationToken cancellationToken)
    {
        if (!long.TryParse(orderId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return ApiProblem.Field(StatusCodes.Status400BadRequest, "order_id", $"'{Data.BarRange.Shorten(orderId)}' is not an order id (1, 2, ...)");
        }

        if (host.Find(id) is not { } node || node.Status.State is not ("running" or "paused"))
        {
            return NotRunning(id);
        }

        var (ticket, cancelled) = await node.CancelAsync(number, cancellationToken).ConfigureAwait(false);
        if (ticket is null)
        {
            return ApiProblem.Field(StatusCodes.Status404NotFound, "order_id", $"node {id} has no order #{number}");
        }

        var view = await node.ReadAsync(_ => OrderView.Of(ticket), cancellationToken).ConfigureAwait(false);
        return cancelled
            ? TypedResults.Ok(view)
            : OrderSubmission.NotCancellable("order_id", number, view.Status);
    }

    private static async Task<IResult> Read<T>(string id, NodeHost host, Func<Engine.TradingEngine, T> read, CancellationToken cancellationToken) =>
        host.Find(id) is { } node
            ? TypedResults.Ok(await node.ReadAsync(read, cancellationToken).ConfigureAwait(false))
            : NotRunning(id);

    private static object Performance(Engine.TradingEngine engine)
    {
        var metrics = PerformanceMetrics.Compute(engine.EquityCurve, engine.Ledger.RoundTrips, engine.Ledger.TradedValue, engine.Ledger.CommissionsPaid, new MetricsSettings(), null);
        return new
        {
            initial_cash = engine.Ledger.InitialCash,
            equity = engine.Ledger.Equity,
            metrics,
            equity_curve = engine.EquityCurve.Select(p => new EquityPointView(p.Time, p.Equity, p.Cash, p.GrossExposure)).ToArray(),
        };
    }

    private static async Task<NodeRecord?> Record(string id, INodeRegistry registry, CancellationToken cancellationToken)
    {
        try
        {
            return await registry.ReadNodeAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static NodeView View(NodeRecord record, NodeHost host) =>
        host.Find(record.Id) is { } node
            ? NodeView.Of(node.Status, node.Definition)
            : NodeView.Stored(record);

    private static IResult NoSuchNode(string id) =>
        ApiProblem.Field(StatusCodes.Status404NotFound, "id", $"no node named '{Data.BarRange.Shorten(id)}'");

    private static IResult NotRunning(string id) =>
        ApiProblem.Field(StatusCodes.Status404NotFound, "id", $"no node named '{Data.BarRange.Shorten(id)}' runs on this server; start it first (POST /api/v1/nodes/{{id}}/start)");
}

internal sealed record HaltRequest(string? Reason);

internal sealed record ResumeRequest(string? By);
