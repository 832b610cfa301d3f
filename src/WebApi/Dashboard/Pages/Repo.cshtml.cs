using MediatR;
using Microsoft.AspNetCore.Mvc;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Dispatch;
using StateHub.Application.Doi;
using StateHub.Application.Doi.Queries.GetRepoDoi;
using StateHub.Application.Dispatch.Queries.GetDispatch;
using StateHub.Application.Inbox;
using StateHub.Application.Inbox.Queries.ListInbox;
using StateHub.Application.ProgressEvents;
using StateHub.Application.ProgressEvents.Queries.ListProgressEvents;
using StateHub.Application.Repos;
using StateHub.Application.Repos.Queries.GetRepo;

namespace StateHub.WebApi.Dashboard.Pages;

/// <summary>One repo as its agent sees it at session start: the dispatch view, plus its inbox and recent events.</summary>
public sealed class RepoModel(IMediator mediator, TimeProvider clock) : DashboardPageModel(mediator, clock)
{
    public const int RecentEventCount = 20;

    public const int InboxShown = 20;

    [FromRoute]
    public string Slug { get; set; } = string.Empty;

    /// <summary>Null when no repo has the slug: the page then says so, with a 404.</summary>
    public RepoDto? Repo { get; private set; }

    /// <summary>What GET /repos/{slug}/doi answers (from the cache while the repo's inputs are unchanged).</summary>
    public DoiReportDto? Doi { get; private set; }

    /// <summary>What GET /repos/{slug}/dispatch answers.</summary>
    public DispatchDto? Dispatch { get; private set; }

    /// <summary>The newest messages of the repo's inbox, unread and read, newest first.</summary>
    public IReadOnlyList<InboxMessageDto> Inbox { get; private set; } = [];

    public int InboxTotal { get; private set; }

    /// <summary>The newest events, newest first, as GET /repos/{slug}/events answers.</summary>
    public IReadOnlyList<ProgressEventDto> Events { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Repo = await Mediator.Send(new GetRepoQuery(Slug), cancellationToken);
            Dispatch = await Mediator.Send(new GetDispatchQuery(Slug), cancellationToken);
            Doi = await Mediator.Send(new GetRepoDoiQuery(Slug), cancellationToken);
            var inbox = await Mediator.Send(new ListInboxQuery(Slug, null), cancellationToken);
            InboxTotal = inbox.Count;
            Inbox = inbox.Take(InboxShown).ToList();
            Events = await Mediator.Send(new ListProgressEventsQuery(Slug, RecentEventCount), cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFoundPage();
        }

        return Page();
    }
}
