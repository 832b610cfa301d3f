using MediatR;
using Microsoft.AspNetCore.Mvc;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Dispatch;
using StateHub.Application.Dispatch.Queries.GetDispatch;
using StateHub.Application.ProgressEvents;
using StateHub.Application.ProgressEvents.Queries.ListProgressEvents;
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

    /// <summary>What GET /repos/{slug}/dispatch answers.</summary>
    public DispatchDto? Dispatch { get; private set; }

    /// <summary>The newest events, newest first, as GET /repos/{slug}/events answers.</summary>
    public IReadOnlyList<ProgressEventDto> Events { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Repo = await Mediator.Send(new GetRepoQuery(Slug), cancellationToken);
            Dispatch = await Mediator.Send(new GetDispatchQuery(Slug), cancellationToken);
            Events = await Mediator.Send(new ListProgressEventsQuery(Slug, RecentEventCount), cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFoundPage();
        }

        return Page();
    }
}
