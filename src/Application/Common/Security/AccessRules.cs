namespace StateHub.Application.Common.Security;

// How a request declares what it touches, so that AuthorizationBehaviour can decide in one place.
// - A query (IQuery) is open to every role unless it is an IAdminOnlyRequest.
// - A command is admin-only unless it declares the repo it writes to, directly (IRepoScopedRequest)
//   or through the resource it changes (IRepoOwnedRequest): then the agent key of that repo may send it too.

/// <summary>Only admin keys may send this request, even if it only reads (API keys, webhooks).</summary>
public interface IAdminOnlyRequest;

/// <summary>A write to one repo, named by slug: that repo's agent key may send it.</summary>
public interface IRepoScopedRequest
{
    string RepoSlug { get; }
}

/// <summary>A write to a resource that belongs to a repo: the agent key of the repo that owns <see cref="AccessTarget"/> may send it.</summary>
public interface IRepoOwnedRequest
{
    AccessTarget AccessTarget { get; }
}

/// <summary>The kinds of resource whose owning repo <see cref="IAccessTargetResolver"/> can find.</summary>
public enum AccessTargetKind
{
    Goal,
    Workstream,
    Task,

    /// <summary>Owned by its origin repo.</summary>
    InterfaceChange,

    /// <summary>Owned by its recipient repo.</summary>
    InboxMessage,
}

/// <summary>A resource named by id whose owning repo decides access.</summary>
public readonly record struct AccessTarget(AccessTargetKind Kind, Guid Id);

/// <summary>Finds the slug of the repo that owns a resource, or null when there is no such resource.</summary>
public interface IAccessTargetResolver
{
    Task<string?> ResolveRepoSlugAsync(AccessTarget target, CancellationToken cancellationToken);
}
