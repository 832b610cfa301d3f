namespace StateHub.Application.Common.Exceptions;

/// <summary>A resource the request names does not exist. Clients see 404.</summary>
public sealed class NotFoundException(string detail) : Exception(detail)
{
    public static NotFoundException Repo(string slug) => new($"Repo '{slug}' not found");

    public static NotFoundException Repo(Guid id) => new($"Repo '{id}' not found");

    public static NotFoundException RepoByRemoteUrl(string remoteUrl) => new($"No repo with remote_url '{remoteUrl}' found");

    /// <summary>The affected repos of an interface change that are not registered, named in the order given.</summary>
    public static NotFoundException AffectedRepos(IReadOnlyCollection<string> missingSlugs) =>
        new($"Affected repo{(missingSlugs.Count == 1 ? "" : "s")} not found: {string.Join(", ", missingSlugs.Select(s => $"'{s}'"))}. Register them first.");

    public static NotFoundException InterfaceChange(Guid id) => new($"Interface change '{id}' not found");

    public static NotFoundException InboxMessage(Guid id) => new($"Inbox message '{id}' not found");

    public static NotFoundException Domain(string slug) => new($"Domain '{slug}' not found");

    public static NotFoundException Goal(Guid id) => new($"Goal '{id}' not found");

    public static NotFoundException Workstream(Guid id) => new($"Workstream '{id}' not found");

    public static NotFoundException Task(Guid id) => new($"Task '{id}' not found");
}

/// <summary>The request conflicts with the current state (duplicate key, stale write). Clients see 409.</summary>
public class ConflictException(string detail) : Exception(detail);

/// <summary>
/// Thrown by persistence when a unique index rejects a write, e.g. two concurrent registrations
/// of one slug. Its message is the index's one conflict message from <see cref="UniqueIndexConflicts"/>;
/// handlers never catch it.
/// </summary>
public sealed class UniqueConstraintException(string detail, string? constraintName) : ConflictException(detail)
{
    public string? ConstraintName { get; } = constraintName;
}

/// <summary>The database refused the write because it collided with a concurrent one (serialization failure, deadlock). Clients see 409.</summary>
public sealed class ConcurrentWriteException(string detail) : ConflictException(detail);

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

/// <summary>
/// A dependency the request needs is unavailable on this host. Clients see 503 with
/// <c>Retry-After</c> (<see cref="RetryAfter"/>, or the translator's default when null).
/// </summary>
public class ServiceUnavailableException(string detail, TimeSpan? retryAfter = null, Exception? inner = null) : Exception(detail, inner)
{
    /// <summary>How long a client should wait before retrying; null leaves it to the default.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>
/// The database cannot be reached or refused the connection (outage, restart, exhausted pool).
/// Clients see 503 with <c>Retry-After</c>; it is logged once, as a warning without a stack trace.
/// </summary>
public sealed class DatabaseUnavailableException(string detail, Exception? inner = null)
    : ServiceUnavailableException(detail, DefaultRetryAfter, inner)
{
    public const string DefaultDetail = "The database is unavailable right now; retry shortly.";

    /// <summary>How long a client should wait before retrying.</summary>
    public static TimeSpan DefaultRetryAfter { get; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// The service cannot start, for a reason the operator can fix (port taken, data folder unusable,
/// database unreachable, no admin key). The entry point prints <see cref="Exception.Message"/> as
/// one line on stderr and exits with code 1, so say what to change.
/// </summary>
public sealed class StartupFailureException(string message, Exception? innerException = null) : Exception(message, innerException);
