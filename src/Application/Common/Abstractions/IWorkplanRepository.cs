using StateHub.Domain.Work;

namespace StateHub.Application.Common.Abstractions;

/// <summary>A repo's workstreams with their tasks, as the workplan sync (and the DoI workplan criteria) compare them with files.</summary>
public interface IWorkplanRepository
{
    /// <summary>Every workstream of the repo, whatever its status, with all its tasks loaded, ordered by key. Tracked, so a fix can change them.</summary>
    Task<IReadOnlyList<Workstream>> ListWithTasksAsync(Guid repoId, CancellationToken cancellationToken);

    /// <summary>Adds a new workstream together with the tasks it already holds.</summary>
    void AddWorkstream(Workstream workstream);

    /// <summary>Adds a new task to an existing workstream.</summary>
    void AddTask(WorkTask task);
}
