namespace Trading.Strategies;

/// <summary>Where the value a run used for one parameter came from.</summary>
public enum ParameterSource
{
    /// <summary>The strategy's default: nobody set it.</summary>
    Default,

    /// <summary>Configured earlier and stored with the data (<c>POST /api/v1/strategy/configure_strategy</c>).</summary>
    Stored,

    /// <summary>Set for this run only (<c>--set</c> on the command line, <c>parameters</c> in a request).</summary>
    Override,
}
