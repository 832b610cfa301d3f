using StateHub.Application.InterfaceChanges;

namespace StateHub.Application.Common.Abstractions;

/// <summary>The read model of one interface change: the change, its origin's slug and its consumers, in one round trip.</summary>
public interface IInterfaceChangeReads
{
    /// <summary>The change as the API shows it (consumers in ordinal order of slug), or null when there is none.</summary>
    Task<InterfaceChangeDto?> GetAsync(Guid id, CancellationToken cancellationToken);
}
