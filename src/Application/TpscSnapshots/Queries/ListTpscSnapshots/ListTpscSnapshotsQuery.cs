using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using FluentValidation;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Paging;

namespace StateHub.Application.TpscSnapshots.Queries.ListTpscSnapshots;

/// <summary>A repo's TPSC snapshots, newest first; unknown repo → 404.</summary>
public sealed record ListTpscSnapshotsQuery(string RepoSlug) : IQuery<Page<TpscSnapshotDto>>
{
    public const string List = "tpsc";

    /// <summary>The list name its cursors carry: the list and the repo (§15), so a cursor of another is refused.</summary>
    public string CursorList() => Paging.Scoped(List, RepoSlug);

    /// <summary>Page size, 1–500; default 100.</summary>
    public int? Limit { get; init; }

    public string? Cursor { get; init; }
}

public sealed class ListTpscSnapshotsQueryValidator : AbstractValidator<ListTpscSnapshotsQuery>
{
    public ListTpscSnapshotsQueryValidator()
    {
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Cursor).Must((q, c) => c is null || Paging.DecodeKeyset(q.CursorList(), c) is not null).WithMessage(Paging.CursorMessage);
    }
}

internal sealed class ListTpscSnapshotsQueryHandler(IRepoRepository repos, ITpscSnapshotRepository snapshots, IMapper mapper)
    : IRequestHandler<ListTpscSnapshotsQuery, Page<TpscSnapshotDto>>
{
    public async Task<Page<TpscSnapshotDto>> Handle(ListTpscSnapshotsQuery request, CancellationToken cancellationToken)
    {
        var repoId = await repos.GetRequiredIdBySlugAsync(request.RepoSlug, cancellationToken);
        var limit = request.Limit ?? Paging.DefaultGrowingLimit;
        var rows = await snapshots.ListByRepoAsync(repoId, cancellationToken, Paging.RequireKeyset(request.CursorList(), request.Cursor), limit + 1);
        return Paging.FromRows(rows, limit, request.CursorList(), s => new Keyset(s.SnapshotAt, s.Id, s.CreatedAt))
            .Select(s => mapper.Map<TpscSnapshotDto>(s) with { RepoSlug = request.RepoSlug });
    }
}
