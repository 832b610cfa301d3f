namespace StateHub.Domain.Common;

/// <summary>Base of the exceptions an entity throws when asked to do something its rules forbid.</summary>
public abstract class DomainException(string message) : Exception(message);

/// <summary>A value an entity refuses outright (bad slug, empty title). Clients see 422.</summary>
public sealed class DomainValidationException(string field, string message) : DomainException(message)
{
    public string Field { get; } = field;
}

/// <summary>A legal value at the wrong moment (publishing a resolved change). Clients see 409.</summary>
public sealed class InvalidTransitionException(string message) : DomainException(message);

/// <summary>A claim the task refuses: held by someone else, a stale token, or not ready. Clients see 409.</summary>
/// <param name="reason">Why, in one low-cardinality word for metrics: <c>held</c>, <c>stale_token</c>, <c>expired</c>, <c>not_claimable</c>, <c>blocked</c>, <c>inactive_workstream</c>.</param>
public sealed class ClaimConflictException(string message, string reason = ClaimConflictException.Held) : DomainException(message)
{
    public const string Held = "held";
    public const string StaleToken = "stale_token";
    public const string Expired = "expired";
    public const string NotClaimable = "not_claimable";
    public const string Blocked = "blocked";
    public const string InactiveWorkstream = "inactive_workstream";

    public string Reason { get; } = reason;
}
