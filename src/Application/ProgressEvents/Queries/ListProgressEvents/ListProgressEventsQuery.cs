using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Paging;

namespace StateHub.Application.ProgressEvents.Queries.ListProgressEvents;

/// <summary>The newest <paramref name="Limit"/> events of a repo, newest first; unknown repo → 404.</summary>
public sealed record ListProgressEventsQuery(string RepoSlug, int Limit = ListProgressEventsQuery.DefaultLimit) : IQuery<Page<ProgressEventDto>>
{
    public const string List = "events";

    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>The list name its cursors carry: the list and the repo (§15), so a cursor of another is refused.</summary>
    public string CursorList() => Paging.Scoped(List, RepoSlug);

    /// <summary>The opaque cursor of the page to read (from the previous page's Link header); null for the first.</summary>
    public string? Cursor { get; init; }
}

public sealed class ListProgressEventsQueryValidator : AbstractValidator<ListProgressEventsQuery>
{
    public ListProgressEventsQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ListProgressEventsQuery.MaxLimit).WithMessage($"'limit' must be between 1 and {ListProgressEventsQuery.MaxLimit}.");
        RuleFor(q => q.Cursor).Must((q, c) => c is null || Paging.DecodeKeyset(q.CursorList(), c) is not null).WithMessage(Paging.CursorMessage);
    }
}

internal sealed class ListProgressEventsQueryHandler(IRepoRepository repos, IProgressEventRepository events, IMapper mapper)
    : IRequestHandler<ListProgressEventsQuery, Page<ProgressEventDto>>
{
    public async Task<Page<ProgressEventDto>> Handle(ListProgressEventsQuery request, CancellationToken cancellationToken)
    {
        var repoId = await repos.GetRequiredIdBySlugAsync(request.RepoSlug, cancellationToken);
        var after = Paging.RequireKeyset(request.CursorList(), request.Cursor);
        var rows = await events.ListRecentAsync(repoId, request.Limit + 1, cancellationToken, after);
        return Paging.FromRows(rows, request.Limit, request.CursorList(), e => new Keyset(e.CreatedAt, e.Id))
            .Select(e => mapper.Map<ProgressEventDto>(e) with { RepoSlug = request.RepoSlug });
    }
}
