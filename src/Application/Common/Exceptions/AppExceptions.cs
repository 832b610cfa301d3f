namespace StateHub.Application.Common.Exceptions;

/// <summary>A resource the request names does not exist. Clients see 404.</summary>
public sealed class NotFoundException(string detail) : Exception(detail)
{
    public static NotFoundException Repo(string slug) => new($"Repo '{slug}' not found");

    public static NotFoundException Domain(string slug) => new($"Domain '{slug}' not found");

    public static NotFoundException Goal(Guid id) => new($"Goal '{id}' not found");

    public static NotFoundException Workstream(Guid id) => new($"Workstream '{id}' not found");

    public static NotFoundException Task(Guid id) => new($"Task '{id}' not found");
}

/// <summary>The request conflicts with the current state (duplicate key, stale write). Clients see 409.</summary>
public class ConflictException(string detail) : Exception(detail);

/// <summary>
/// Thrown by persistence when a unique constraint rejects a write, e.g. two concurrent
/// registrations of one slug. Handlers may catch it to phrase the conflict in their own words.
/// </summary>
public sealed class UniqueConstraintException(string detail, string? constraintName) : ConflictException(detail)
{
    public string? ConstraintName { get; } = constraintName;
}

/// <summary>The request is well-formed but invalid. Clients see 422 with an errors map.</summary>
public sealed class RequestValidationException : Exception
{
    public RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base(Summarise(errors))
    {
        Errors = errors;
    }

    public RequestValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    private static string Summarise(IReadOnlyDictionary<string, string[]> errors) =>
        errors.Count == 0
            ? "One or more fields are invalid."
            : string.Join(" ", errors.SelectMany(e => e.Value).Take(5));
}

/// <summary>The caller may not do this. Clients see 403.</summary>
public sealed class ForbiddenAccessException(string detail) : Exception(detail);

/// <summary>A dependency the request needs is unavailable on this host. Clients see 503.</summary>
public sealed class ServiceUnavailableException(string detail) : Exception(detail);
