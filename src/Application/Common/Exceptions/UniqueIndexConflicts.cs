using StateHub.Domain.Access;
using StateHub.Domain.Domains;
using StateHub.Domain.Inbox;
using StateHub.Domain.Repos;
using StateHub.Domain.Webhooks;
using StateHub.Domain.Work;

namespace StateHub.Application.Common.Exceptions;

/// <summary>
/// The one conflict message of each unique index, used both by a handler's pre-check and by the
/// unit of work when the index itself rejects a write (a concurrent duplicate): the client reads
/// the same words either way. Messages are built from the entity that could not be saved and
/// never need another read (after a unique violation the transaction is aborted).
/// A new unique index gets its line here; a test fails for any unique index without one.
/// </summary>
public static class UniqueIndexConflicts
{
    private static readonly Dictionary<string, Func<object, string?>> Messages = new(StringComparer.Ordinal)
    {
        ["ix_domains_slug"] = Of<RepoDomain>(d => DomainSlug(d.Slug)),
        ["ix_managed_repos_slug"] = Of<ManagedRepo>(r => RepoSlug(r.Slug)),
        ["ix_workstreams_repo_id_key"] = Of<Workstream>(w => WorkstreamKey(w.Repo?.Slug ?? w.RepoId.ToString(), w.Key)),
        ["ix_tasks_workstream_id_key"] = Of<WorkTask>(t => TaskKey(t.WorkstreamId, t.Key)),
        // 256 random bits make a collision practically impossible; retrying creates a fresh secret.
        ["ix_api_keys_key_hash"] = Of<ApiKey>(_ => "A key with the same secret already exists; create the key again."),
        ["ix_task_dependencies_task_id_blocked_by_task_id"] = Of<TaskDependency>(Dependency),
        ["ix_task_dependencies_task_id_blocked_by_interface_change_id"] = Of<TaskDependency>(Dependency),
        ["ix_inbox_messages_interface_change_id_repo_id_kind"] = Of<InboxMessage>(_ => "This repo has already been notified of this change."),
        ["ix_webhook_deliveries_subscription_id_event_id_attempt"] = Of<WebhookDelivery>(d => $"Attempt {d.Attempt} of event '{d.EventId}' is already queued for this webhook; try again."),
    };

    private const string Fallback = "The request conflicts with an existing record.";

    /// <summary>Names of every unique index with a message.</summary>
    public static IReadOnlyCollection<string> IndexNames => Messages.Keys;

    public static string DomainSlug(string slug) => $"Domain slug '{slug}' already exists";

    public static string RepoSlug(string slug) => $"Repo slug '{slug}' already exists";

    public static string WorkstreamKey(string repoSlug, string key) => $"Repo '{repoSlug}' already has a workstream with key '{key}'";

    // Named by id, as the API addresses workstreams.
    public static string TaskKey(Guid workstreamId, string key) => $"Workstream '{workstreamId}' already has a task with key '{key}'";

    public static string Dependency(TaskDependency dependency) => dependency.BlockedByTaskId is { } blocker
        ? $"Task '{dependency.TaskId}' already depends on task '{blocker}'"
        : $"Task '{dependency.TaskId}' already depends on interface change '{dependency.BlockedByInterfaceChangeId}'";

    /// <summary>The exception for a write <paramref name="indexName"/> refused; <paramref name="refused"/> are the rows the failed save held.</summary>
    public static UniqueConstraintException Violated(string? indexName, IEnumerable<object> refused) =>
        new(Describe(indexName, refused), indexName);

    private static string Describe(string? indexName, IEnumerable<object> refused) =>
        indexName is not null && Messages.TryGetValue(indexName, out var message)
            ? refused.Select(message).FirstOrDefault(m => m is not null) ?? Fallback
            : Fallback;

    private static Func<object, string?> Of<T>(Func<T, string> message) =>
        entity => entity is T typed ? message(typed) : null;
}
