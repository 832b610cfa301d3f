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
public sealed class ClaimConflictException(string message) : DomainException(message);
