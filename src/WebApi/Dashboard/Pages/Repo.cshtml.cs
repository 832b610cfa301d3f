using MediatR;
using Microsoft.AspNetCore.Mvc;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Repos;
using StateHub.Application.Repos.Queries.GetRepo;

namespace StateHub.WebApi.Dashboard.Pages;

/// <summary>One repo as its agent sees it at session start: the dispatch view, plus its inbox and recent events.</summary>
public sealed class RepoModel(IMediator mediator, TimeProvider clock) : DashboardPageModel(mediator, clock)
{
    public const int RecentEventCount = 20;

    [FromRoute]
    public string Slug { get; set; } = string.Empty;

    /// <summary>Null when no repo has the slug: the page then says so, with a 404.</summary>
    public RepoDto? Repo { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Repo = await Mediator.Send(new GetRepoQuery(Slug), cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFoundPage();
        }

        return Page();
    }
}
