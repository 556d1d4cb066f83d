using Trading.Portfolio;

namespace Trading.Risk;

/// <summary>The kill switch, what to cancel, and the state a restart takes back.</summary>
public sealed partial class PreTradeRisk
{
    /// <summary>True while the kill switch is on: every new order is refused with <see cref="HaltReason"/>.</summary>
    public bool IsHalted { get; private set; }

    public string? HaltReason { get; private set; }

    public DateTime? HaltedSince { get; private set; }

    /// <summary>Who last resumed trading, and when: for the node's record.</summary>
    public string? ResumedBy { get; private set; }

    public DateTime? ResumedAt { get; private set; }

    /// <summary>Turns the kill switch on: from now every order is refused with <paramref name="reason"/> until a person
    /// resumes. The node then cancels <see cref="OrdersToCancel"/> (every working order) and journals the
    /// <see cref="Snapshot"/>, so a restart stays halted. False, changing nothing, when already halted: the first
    /// reason stands.</summary>
    /// <exception cref="ArgumentException">The reason is blank or longer than <see cref="MaxTextLength"/>.</exception>
    public bool Halt(string reason, DateTime time)
    {
        RequireText(reason, nameof(reason), "A halt's reason");
        if (IsHalted)
        {
            return false;
        }

        IsHalted = true;
        HaltReason = reason.Trim();
        HaltedSince = time;
        return true;
    }

    /// <summary>Turns the kill switch off on the word of a person, named in <paramref name="by"/>; false, changing
    /// nothing, when trading is not halted. The daily loss limit is not lifted: only the next session does that.</summary>
    /// <exception cref="ArgumentException">The name is blank or longer than <see cref="MaxTextLength"/>.</exception>
    public bool Resume(string by, DateTime time)
    {
        RequireText(by, nameof(by), "The name of the person resuming trading");
        if (!IsHalted)
        {
            return false;
        }

        IsHalted = false;
        HaltReason = null;
        HaltedSince = null;
        ResumedBy = by.Trim();
        ResumedAt = time;
        return true;
    }

    /// <summary>The working orders the node must cancel now: every one while halted; after the daily loss limit was
    /// passed, every one that does not only reduce a position (see <see cref="Observe"/>, which this calls first);
    /// otherwise none. Cancelling is the node's, at its venue; a fill that comes first cannot be undone.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The calendar has no session for <paramref name="time"/>.</exception>
    public IReadOnlyList<WorkingOrder> OrdersToCancel(IRiskAccount account, DateTime time)
    {
        ArgumentNullException.ThrowIfNull(account);
        Observe(account, time);
        if (IsHalted)
        {
            return [.. account.WorkingOrders];
        }

        if (!IsDailyLossLimitHit)
        {
            return [];
        }

        HashSet<long> reducing;
        try
        {
            reducing = Exposure.Reducing(account);
        }
        catch (OverflowException)
        {
            // Quantities nobody can add up: nothing can be shown to reduce, so nothing is kept.
            reducing = [];
        }

        var cancel = new List<WorkingOrder>();
        foreach (var order in account.WorkingOrders)
        {
            if (!reducing.Contains(order.Id))
            {
                cancel.Add(order);
            }
        }

        return cancel;
    }

    /// <summary>What a restart needs to carry on: give it to the constructor.</summary>
    public RiskState Snapshot() => new()
    {
        Halted = IsHalted,
        HaltReason = HaltReason,
        HaltedSince = HaltedSince,
        ResumedBy = ResumedBy,
        ResumedAt = ResumedAt,
        Session = Session,
        SessionStartEquity = SessionStartEquity,
        LossLimitHitEquity = _lossLimitHitEquity,
        LossLimitHitAt = _lossLimitHitAt,
        RecentOrderTimes = [.. _recentOrders],
    };

    private void Restore(RiskState state)
    {
        var problems = state.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"The saved risk state cannot be restored: {string.Join("; ", problems)}.", nameof(state));
        }

        IsHalted = state.Halted;
        HaltReason = state.HaltReason;
        HaltedSince = state.HaltedSince;
        ResumedBy = state.ResumedBy;
        ResumedAt = state.ResumedAt;

        // Without a daily loss limit the session is not followed; with one, a session saved without it is taken as it was.
        if (Limits.DailyLossLimit is not null)
        {
            Session = state.Session;
            SessionStartEquity = state.SessionStartEquity;
            _lossLimitHitEquity = state.LossLimitHitEquity;
            _lossLimitHitAt = state.LossLimitHitAt;
        }

        if (Limits.MaxOrdersPerWindow is { } max)
        {
            var times = state.RecentOrderTimes;
            for (var i = Math.Max(0, times.Count - max); i < times.Count; i++)
            {
                _recentOrders.Enqueue(times[i]);
            }
        }
    }

    private string HaltMessage() =>
        $"trading is halted since {Time(HaltedSince!.Value)}: {HaltReason}; no order is accepted until a person resumes trading";

    private static void RequireText(string text, string name, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException($"{what} must not be blank.", name);
        }

        if (text.Trim().Length > MaxTextLength)
        {
            throw new ArgumentException($"{what} is at most {MaxTextLength} characters; got {text.Trim().Length}.", name);
        }
    }
}
