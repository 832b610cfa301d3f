using MediatR;
using Microsoft.AspNetCore.Mvc;
using StateHub.Application.Common.Paging;
using StateHub.Application.InterfaceChanges;
using StateHub.Application.InterfaceChanges.Queries.ListInterfaceChanges;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.WebApi.Dashboard.Pages;

/// <summary>The Interface Change Registry for maintainers: type badges, a calendar of planned dates, published cards and drafts.</summary>
public sealed class InterfaceChangesModel(IMediator mediator, TimeProvider clock) : DashboardPageModel(mediator, clock)
{
    /// <summary>The calendar's month as "yyyy-MM"; the current month when missing or not a month.</summary>
    [FromQuery(Name = "month")]
    public string? Month { get; set; }

    public IReadOnlyList<InterfaceChangeDto> Published { get; private set; } = [];

    public IReadOnlyList<InterfaceChangeDto> Drafts { get; private set; } = [];

    public IReadOnlyList<InterfaceChangeDto> Resolved { get; private set; } = [];

    public MonthCalendar<InterfaceChangeDto> Calendar { get; private set; } = null!;

    /// <summary>Other months holding planned, unresolved changes, with how many.</summary>
    public IReadOnlyList<(string Key, string Title, int Count)> OtherPlannedMonths { get; private set; } = [];

    public int UnplannedOpenCount { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Every open change (drafts and published ones are what maintainers act on, however old),
        // and the latest page of resolved ones.
        Published = (await AllAsync(InterfaceChangeStatus.Published, cancellationToken)).OrderByDescending(c => c.PublishedAt).ToList();
        Drafts = (await AllAsync(InterfaceChangeStatus.Draft, cancellationToken)).OrderByDescending(c => c.CreatedAt).ToList();
        Resolved = (await Mediator.Send(new ListInterfaceChangesQuery(InterfaceChangeStatus.Resolved, null, null), cancellationToken))
            .OrderByDescending(c => c.ResolvedAt).ToList();

        var open = Drafts.Concat(Published).ToList();
        var month = MonthCalendar<InterfaceChangeDto>.ParseMonth(Month) ?? Today;
        Calendar = MonthCalendar<InterfaceChangeDto>.Build(month, Today, open, c => c.PlannedFor);
        OtherPlannedMonths = open
            .Where(c => c.PlannedFor is not null)
            .GroupBy(c => new DateOnly(c.PlannedFor!.Value.Year, c.PlannedFor.Value.Month, 1))
            .Where(g => g.Key != Calendar.FirstDay)
            .OrderBy(g => g.Key)
            .Select(g => (MonthCalendar<InterfaceChangeDto>.MonthKey(g.Key), DashboardFormat.Month(g.Key), g.Count()))
            .ToList();
        UnplannedOpenCount = open.Count(c => c.PlannedFor is null);
    }

    private async Task<List<InterfaceChangeDto>> AllAsync(InterfaceChangeStatus status, CancellationToken cancellationToken)
    {
        var all = new List<InterfaceChangeDto>();
        string? cursor = null;
        do
        {
            var page = await Mediator.Send(new ListInterfaceChangesQuery(status, null, null) { Limit = Paging.MaxLimit, Cursor = cursor }, cancellationToken);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }
}
