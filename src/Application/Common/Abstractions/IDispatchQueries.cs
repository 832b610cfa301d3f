using StateHub.Application.Dispatch;

namespace StateHub.Application.Common.Abstractions;

/// <summary>
/// The read model behind an agent's session start. Implementations answer in a constant number
/// of SQL statements, whatever the repo holds.
/// </summary>
public interface IDispatchQueries
{
    /// <summary>The dispatch briefing of the repo with this slug, or null when there is no such repo.</summary>
    Task<DispatchDto?> GetDispatchAsync(string repoSlug, CancellationToken cancellationToken);
}
