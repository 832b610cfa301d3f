using StateHub.Domain.InterfaceChanges;

namespace StateHub.Application.Common.Abstractions;

/// <summary>Interface changes, the registry that tells the fleet what is changing.</summary>
public interface IInterfaceChangeRepository
{
    void Add(InterfaceChange change);

    /// <summary>
    /// The change to move along its lifecycle, tracked, with its row locked until the command's
    /// transaction ends: concurrent edits, publications and resolutions of one change run one
    /// after another, and each sees the state the previous one committed.
    /// </summary>
    Task<InterfaceChange?> GetForUpdateAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>One change with its origin repo's slug, read-only.</summary>
    Task<InterfaceChangeWithOrigin?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Changes newest first, narrowed by every filter that is given.</summary>
    Task<IReadOnlyList<InterfaceChangeWithOrigin>> ListAsync(InterfaceChangeFilter filter, CancellationToken cancellationToken);
}

/// <summary>A change and the slug of the repo that offers the changing interface.</summary>
public sealed record InterfaceChangeWithOrigin(InterfaceChange Change, string OriginRepoSlug);

/// <summary>List filters; a null filter matches everything.</summary>
/// <param name="AffectedRepoSlug">Only changes whose <c>affected_repo_slugs</c> contains this slug.</param>
public sealed record InterfaceChangeFilter(InterfaceChangeStatus? Status = null, Guid? OriginRepoId = null, string? AffectedRepoSlug = null)
{
    /// <summary>Only changes after this position (newest first: created_at, id).</summary>
    public StateHub.Application.Common.Paging.Keyset? After { get; init; }

    /// <summary>At most this many; all when null.</summary>
    public int? Limit { get; init; }
}
