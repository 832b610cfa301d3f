using StateHub.Application.Common.Paging;
using StateHub.Domain.Events;

namespace StateHub.Application.Common.Abstractions;

/// <summary>A repo's timeline. Features that log what happened (publish, sync) add events here.</summary>
public interface IProgressEventRepository
{
    void Add(ProgressEvent progressEvent);

    /// <summary>Up to <paramref name="limit"/> events of a repo, newest first (created_at, id), after <paramref name="after"/> when given.</summary>
    Task<IReadOnlyList<ProgressEvent>> ListRecentAsync(Guid repoId, int limit, CancellationToken cancellationToken, Keyset? after = null);
}
