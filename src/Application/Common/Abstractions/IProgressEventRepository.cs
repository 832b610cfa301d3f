using StateHub.Domain.Events;

namespace StateHub.Application.Common.Abstractions;

/// <summary>A repo's timeline. Features that log what happened (publish, sync) add events here.</summary>
public interface IProgressEventRepository
{
    void Add(ProgressEvent progressEvent);

    /// <summary>The newest <paramref name="limit"/> events of a repo, newest first.</summary>
    Task<IReadOnlyList<ProgressEvent>> ListRecentAsync(Guid repoId, int limit, CancellationToken cancellationToken);
}
