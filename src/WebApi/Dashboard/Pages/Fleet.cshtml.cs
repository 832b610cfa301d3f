using MediatR;
using StateHub.Application.Doi;
using StateHub.Application.Doi.Queries.GetDoiSummary;
using StateHub.Application.Domains;
using StateHub.Application.Domains.Queries.ListDomains;
using StateHub.Application.Repos;
using StateHub.Application.Repos.Queries.ListRepos;
using StateHub.Domain.Doi;
using StateHub.Domain.Repos;

namespace StateHub.WebApi.Dashboard.Pages;

/// <summary>
/// The fleet at a glance: repos grouped by domain, each with its DoI tier, worst first. Three queries whatever the
/// fleet's size: the domains, the repos, and the fleet summary (the query behind GET /repos/doi/summary), whose
/// entries carry the criteria behind each tier, so the badge and the criteria under it always agree. Where the summary
/// skipped C7 and C13, the criteria link to the repo page, which runs the full report.
/// </summary>
public sealed class FleetModel(IMediator mediator, TimeProvider clock) : DashboardPageModel(mediator, clock)
{
    public IReadOnlyList<FleetDomain> Domains { get; private set; } = [];

    /// <summary>Active repos per DoI tier, worst tier first.</summary>
    public IReadOnlyList<(DoiTier Tier, int Count)> TierCounts { get; private set; } = [];

    public int ActiveRepoCount { get; private set; }

    public int ArchivedRepoCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var domains = await Mediator.Send(new ListDomainsQuery(), cancellationToken);
        var summary = await Mediator.Send(new GetDoiSummaryQuery(GetDoiSummaryQuery.IncludeCriteria), cancellationToken);
        var repos = await Mediator.Send(new ListReposQuery(null), cancellationToken);

        // The summary decides which repos are active; a repo registered between the two queries shows on the next load.
        var reposBySlug = repos.ToDictionary(r => r.Slug, StringComparer.Ordinal);
        var active = summary
            .Where(e => reposBySlug.ContainsKey(e.RepoSlug))
            .Select(e => new FleetRepo(reposBySlug[e.RepoSlug], e))
            .ToList();
        var summarised = summary.Select(e => e.RepoSlug).ToHashSet(StringComparer.Ordinal);
        var archived = repos
            .Where(r => r.Status != RepoStatus.Active && !summarised.Contains(r.Slug))
            .Select(r => new FleetRepo(r, null))
            .ToList();

        var activeByDomain = active.ToLookup(r => r.Repo.DomainSlug);
        var archivedByDomain = archived.ToLookup(r => r.Repo.DomainSlug);
        Domains = domains
            .Select(d => new FleetDomain(
                d,
                activeByDomain[d.Slug]
                    .OrderBy(r => r.Doi!.Tier)
                    .ThenBy(r => r.Repo.Name, StringComparer.OrdinalIgnoreCase)
                    .ThenBy(r => r.Repo.Name, StringComparer.Ordinal)
                    .ThenBy(r => r.Repo.Slug, StringComparer.Ordinal)
                    .ToList(),
                archivedByDomain[d.Slug].ToList()))
            .ToList();
        ActiveRepoCount = active.Count;
        ArchivedRepoCount = archived.Count;
        TierCounts = Enum.GetValues<DoiTier>()
            .OrderBy(t => t)
            .Select(t => (t, active.Count(r => r.Doi!.Tier == t)))
            .ToList();
    }
}

public sealed record FleetDomain(DomainDto Domain, IReadOnlyList<FleetRepo> ActiveRepos, IReadOnlyList<FleetRepo> ArchivedRepos);

/// <summary>A repo and, when it is active, its entry in the fleet summary.</summary>
public sealed record FleetRepo(RepoDto Repo, DoiSummaryEntryDto? Doi);
