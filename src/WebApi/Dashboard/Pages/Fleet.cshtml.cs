using MediatR;
using StateHub.Application.Domains;
using StateHub.Application.Domains.Queries.ListDomains;
using StateHub.Application.Repos;
using StateHub.Application.Repos.Queries.ListRepos;
using StateHub.Domain.Doi;
using StateHub.Domain.Repos;

namespace StateHub.WebApi.Dashboard.Pages;

/// <summary>The fleet at a glance: repos grouped by domain, each with its DoI tier, worst first.</summary>
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

        var fleetRepos = repos.Select(r => new FleetRepo(r, null, null, [])).ToList();
        var byDomain = fleetRepos.ToLookup(r => r.Repo.DomainSlug);
        Domains = domains
            .Select(d => new FleetDomain(
                d,
                byDomain[d.Slug].Where(r => r.Repo.Status == RepoStatus.Active)
                    .OrderBy(r => r.Tier ?? DoiTier.None).ThenBy(r => r.Repo.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Repo.Slug, StringComparer.Ordinal)
                    .ToList(),
                byDomain[d.Slug].Where(r => r.Repo.Status != RepoStatus.Active).ToList()))
            .ToList();
        ActiveRepoCount = fleetRepos.Count(r => r.Repo.Status == RepoStatus.Active);
        ArchivedRepoCount = fleetRepos.Count - ActiveRepoCount;
        TierCounts = Enum.GetValues<DoiTier>()
            .OrderBy(t => t)
            .Select(t => (t, fleetRepos.Count(r => r.Repo.Status == RepoStatus.Active && r.Tier == t)))
            .ToList();
    }
}

public sealed record FleetDomain(DomainDto Domain, IReadOnlyList<FleetRepo> ActiveRepos, IReadOnlyList<FleetRepo> ArchivedRepos)
{
    /// <summary>The worst tier among the domain's active repos, or null when it has none evaluated.</summary>
    public DoiTier? WorstTier => ActiveRepos.Where(r => r.Tier is not null).Select(r => r.Tier).Min();
}

/// <summary>A repo and its DoI evaluation; <see cref="Tier"/> is null while it has not been evaluated.</summary>
public sealed record FleetRepo(RepoDto Repo, DoiTier? Tier, DateTimeOffset? CheckedAt, IReadOnlyList<FleetCriterion> Criteria);

public sealed record FleetCriterion(string Id, string Label, string Tier, CriterionStatus Status, string? Detail);
