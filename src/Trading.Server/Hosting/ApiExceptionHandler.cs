using Microsoft.AspNetCore.Diagnostics;
using Trading.Data;
using Trading.Data.Storage;
using Trading.Domain;
using Trading.Journal;
using Trading.Nodes;

namespace Trading.Server.Hosting;

/// <summary>Turns the failures that are not bugs into problems with the right status: a request Kestrel refuses
/// (too large, cut off) keeps its 4xx; stored bars that break the bar rule, or that the ledger cannot account for (a
/// price beyond its range, a date past its calendar), are 422 naming the symbol; a journal another process is writing,
/// or one that no longer replays, is 409; a store that cannot be read is 503. Anything else stays a 500 and
/// is logged.</summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, Storage.StoreOutage outage) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, field, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "body", bad.Message),
            // Where the store lives stays in the log (once per outage), not in the answer.
            MarketDataStoreException => (StatusCodes.Status503ServiceUnavailable, "store", "the market data store is unavailable; the server's log has the reason (look for this answer's trace_id)"),
            InvalidStoredBarException stored => (StatusCodes.Status422UnprocessableEntity, "symbol", stored.Message),
            MoneyRangeException money => (StatusCodes.Status422UnprocessableEntity, money.Symbol is null ? "body" : "symbol", money.Message),
            CalendarRangeException date => (StatusCodes.Status422UnprocessableEntity, date.Symbol is null ? "body" : "symbol", date.Message),
            // Another process writes the same journal (two servers on one database), or its replay no longer agrees.
            NodeBusyException or JournalConflictException => (StatusCodes.Status409Conflict, "node", exception.Message + "; try again"),
            NodeRecoveryException => (StatusCodes.Status409Conflict, "node", exception.Message),
            _ => (0, string.Empty, string.Empty),
        };
        if (status == 0)
        {
            return false;
        }

        if (status >= 500)
        {
            outage.Failed(exception, System.Diagnostics.Activity.Current?.Id ?? httpContext.TraceIdentifier);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = ApiProblem.TitleOf(status),
                Detail = detail,
                Extensions = { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } },
            },
        }).ConfigureAwait(false);
    }
}
