namespace Trading.Server.Paper;

/// <summary>Advance the paper account to the end of <c>to</c> (yyyy-MM-dd), or through the last stored bar.</summary>
internal sealed record AdvanceRequest(string? To);

/// <summary>Start the paper account over with <c>cash</c>, its clock at <c>start_date</c>.</summary>
internal sealed record ResetRequest(decimal? Cash, string? StartDate);
