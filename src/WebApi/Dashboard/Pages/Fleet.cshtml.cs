using MediatR;
using StateHub.Application.Doi;
using StateHub.Application.Doi.Queries.GetRepoDoi;
using StateHub.Application.Domains;
using StateHub.Application.Domains.Queries.ListDomains;
using StateHub.Application.Repos;
using StateHub.Application.Repos.Queries.ListRepos;
using StateHub.Domain.Doi;
using StateHub.Domain.Repos;

namespace StateHub.WebApi.Dashboard.Pages;

/// <summary>
/// The fleet at a glance: repos grouped by domain, each with its DoI tier, worst first. Each
/// active repo's tier and criteria come from one full DoI report (the query behind
/// GET /repos/{slug}/doi, served from the cache while the repo's inputs are unchanged), so the
/// badge and the criteria under it always agree.
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
        var repos = await Mediator.Send(new ListReposQuery(null), cancellationToken);

        var active = new List<FleetRepo>();
        foreach (var repo in repos.Where(r => r.Status == RepoStatus.Active))
            active.Add(new FleetRepo(repo, await Mediator.Send(new GetRepoDoiQuery(repo.Slug), cancellationToken)));
        var archived = repos.Where(r => r.Status != RepoStatus.Active).Select(r => new FleetRepo(r, null)).ToList();

        var activeByDomain = active.ToLookup(r => r.Repo.DomainSlug);
        var archivedByDomain = archived.ToLookup(r => r.Repo.DomainSlug);
        Domains = domains
            .Select(d => new FleetDomain(
                d,
                activeByDomain[d.Slug]
                    .OrderBy(r => r.Report!.Tier)
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
            .Select(t => (t, active.Count(r => r.Report!.Tier == t)))
            .ToList();
    }
}

public sealed record FleetDomain(DomainDto Domain, IReadOnlyList<FleetRepo> ActiveRepos, IReadOnlyList<FleetRepo> ArchivedRepos);

/// <summary>A repo and, when it is active, its DoI report.</summary>
public sealed record FleetRepo(RepoDto Repo, DoiReportDto? Report);
