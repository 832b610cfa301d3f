using StateHub.Domain.Work;

namespace StateHub.Application.Common.Abstractions;

/// <summary>A repo's workstreams (workplans). Their tasks are reached through <see cref="IWorkTaskRepository"/>.</summary>
public interface IWorkstreamRepository
{
    Task<Workstream?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A repo's workstreams in the order they were created.</summary>
    Task<IReadOnlyList<Workstream>> ListByRepoAsync(Guid repoId, CancellationToken cancellationToken);

    /// <summary>True when another workstream of the repo than <paramref name="exceptId"/> has this key.</summary>
    Task<bool> KeyExistsAsync(Guid repoId, string key, Guid? exceptId, CancellationToken cancellationToken);

    void Add(Workstream workstream);
}
