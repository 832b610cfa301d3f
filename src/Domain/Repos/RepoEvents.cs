using StateHub.Domain.Common;

namespace StateHub.Domain.Repos;

/// <summary>A repo joined the fleet.</summary>
public sealed record RepoRegistered(ManagedRepo Repo) : IDomainEvent;

/// <summary>A repo was archived.</summary>
public sealed record RepoArchived(ManagedRepo Repo) : IDomainEvent;

/// <summary>
/// A workplan sync fixed the hub to match the repo's files. <paramref name="Summary"/> and
/// <paramref name="Data"/> (a JSON object) describe what the sync found and did.
/// </summary>
public sealed record WorkplanSynced(ManagedRepo Repo, DateTimeOffset SyncedAt, string Summary, string Data) : IDomainEvent;
