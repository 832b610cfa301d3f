using MediatR;
using Microsoft.AspNetCore.Mvc;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.WebApi.Dashboard.Pages;

/// <summary>The Interface Change Registry for maintainers: type badges, a calendar of planned dates, published cards and drafts.</summary>
public sealed class InterfaceChangesModel(IMediator mediator, TimeProvider clock) : DashboardPageModel(mediator, clock)
{
    /// <summary>The calendar's month as "yyyy-MM"; the current month when missing or not a month.</summary>
    [FromQuery(Name = "month")]
    public string? Month { get; set; }

    public IReadOnlyList<InterfaceChangeView> Published { get; private set; } = [];

    public IReadOnlyList<InterfaceChangeView> Drafts { get; private set; } = [];

    public IReadOnlyList<InterfaceChangeView> Resolved { get; private set; } = [];

    public MonthCalendar<InterfaceChangeView> Calendar { get; private set; } = null!;

    /// <summary>Other months holding planned, unresolved changes, with how many.</summary>
    public IReadOnlyList<(string Key, string Title, int Count)> OtherPlannedMonths { get; private set; } = [];

    public int UnplannedOpenCount { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public Task OnGetAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<InterfaceChangeView> all = [];
        Published = all.Where(c => c.Status == InterfaceChangeStatus.Published).OrderByDescending(c => c.PublishedAt).ToList();
        Drafts = all.Where(c => c.Status == InterfaceChangeStatus.Draft).OrderByDescending(c => c.CreatedAt).ToList();
        Resolved = all.Where(c => c.Status == InterfaceChangeStatus.Resolved).OrderByDescending(c => c.ResolvedAt).ToList();

        var open = Drafts.Concat(Published).ToList();
        var month = MonthCalendar<InterfaceChangeView>.ParseMonth(Month) ?? Today;
        Calendar = MonthCalendar<InterfaceChangeView>.Build(month, Today, open, c => c.PlannedFor);
        OtherPlannedMonths = open
            .Where(c => c.PlannedFor is not null)
            .GroupBy(c => new DateOnly(c.PlannedFor!.Value.Year, c.PlannedFor.Value.Month, 1))
            .Where(g => g.Key != Calendar.FirstDay)
            .OrderBy(g => g.Key)
            .Select(g => (MonthCalendar<InterfaceChangeView>.MonthKey(g.Key), DashboardFormat.Month(g.Key), g.Count()))
            .ToList();
        UnplannedOpenCount = open.Count(c => c.PlannedFor is null);
        return Task.CompletedTask;
    }
}

public sealed record InterfaceChangeView(
    Guid Id,
    string Title,
    string? Description,
    ChangeType ChangeType,
    InterfaceType InterfaceType,
    string OriginRepoSlug,
    IReadOnlyList<string> AffectedRepoSlugs,
    IReadOnlyList<string> AffectedPaths,
    DateOnly? PlannedFor,
    InterfaceChangeStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? ResolvedAt,
    string? ResolutionNote);
