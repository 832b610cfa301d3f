using StateHub.Domain.Work;

namespace StateHub.Application.Common.Abstractions;

/// <summary>The tasks of workstreams.</summary>
public interface IWorkTaskRepository
{
    Task<WorkTask?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A workstream's tasks, most urgent first (priority, then creation).</summary>
    Task<IReadOnlyList<WorkTask>> ListByWorkstreamAsync(Guid workstreamId, CancellationToken cancellationToken);

    /// <summary>True when another task of the workstream than <paramref name="exceptId"/> has this key.</summary>
    Task<bool> KeyExistsAsync(Guid workstreamId, string key, Guid? exceptId, CancellationToken cancellationToken);

    void Add(WorkTask task);
}
