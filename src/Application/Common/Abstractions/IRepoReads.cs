using StateHub.Application.Repos;

namespace StateHub.Application.Common.Abstractions;

/// <summary>The read model of one repo, as the API shows it: one statement, no entity, no tracking.</summary>
public interface IRepoReads
{
    /// <summary>The repo with this slug (with its domain's slug), or null when there is none.</summary>
    Task<RepoDto?> GetBySlugAsync(string slug, CancellationToken cancellationToken);
}
