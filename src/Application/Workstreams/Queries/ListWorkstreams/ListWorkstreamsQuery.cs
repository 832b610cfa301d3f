using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using FluentValidation;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Paging;

namespace StateHub.Application.Workstreams.Queries.ListWorkstreams;

/// <summary>A repo's workstreams in the order they were created; unknown repo → 404.</summary>
public sealed record ListWorkstreamsQuery(string RepoSlug) : IQuery<Page<WorkstreamDto>>
{
    public const string List = "workstreams";

    /// <summary>The list name its cursors carry: the list and the repo (§15), so a cursor of another is refused.</summary>
    public string CursorList() => Paging.Scoped(List, RepoSlug);

    /// <summary>Page size, 1–500; everything when absent (a registry list).</summary>
    public int? Limit { get; init; }

    public string? Cursor { get; init; }
}

public sealed class ListWorkstreamsQueryValidator : AbstractValidator<ListWorkstreamsQuery>
{
    public ListWorkstreamsQueryValidator()
    {
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Cursor).Must((q, c) => c is null || Paging.Decode(q.CursorList(), c) is not null).WithMessage(Paging.CursorMessage);
    }
}

internal sealed class ListWorkstreamsQueryHandler(IRepoRepository repos, IWorkstreamRepository workstreams, IMapper mapper)
    : IRequestHandler<ListWorkstreamsQuery, Page<WorkstreamDto>>
{
    public async Task<Page<WorkstreamDto>> Handle(ListWorkstreamsQuery request, CancellationToken cancellationToken)
    {
        var repoId = await repos.GetRequiredIdBySlugAsync(request.RepoSlug, cancellationToken);
        var list = await workstreams.ListByRepoAsync(repoId, cancellationToken);
        return Paging.InMemory(list.Select(w => mapper.Map<WorkstreamDto>(w) with { RepoSlug = request.RepoSlug }).ToList(), request.Limit, request.Cursor, request.CursorList(), w => w.Id);
    }
}
