using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using FluentValidation;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Paging;

namespace StateHub.Application.Goals.Queries.ListGoals;

/// <summary>A repo's goals, most urgent first (priority, then creation); unknown repo → 404.</summary>
public sealed record ListGoalsQuery(string RepoSlug) : IQuery<Page<GoalDto>>
{
    public const string List = "goals";

    /// <summary>The list name its cursors carry: the list and the repo (§15), so a cursor of another is refused.</summary>
    public string CursorList() => Paging.Scoped(List, RepoSlug);

    /// <summary>Page size, 1–500; everything when absent (a registry list).</summary>
    public int? Limit { get; init; }

    public string? Cursor { get; init; }
}

public sealed class ListGoalsQueryValidator : AbstractValidator<ListGoalsQuery>
{
    public ListGoalsQueryValidator()
    {
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Cursor).Must((q, c) => c is null || Paging.Decode(q.CursorList(), c) is not null).WithMessage(Paging.CursorMessage);
    }
}

internal sealed class ListGoalsQueryHandler(IRepoRepository repos, IGoalRepository goals, IMapper mapper)
    : IRequestHandler<ListGoalsQuery, Page<GoalDto>>
{
    public async Task<Page<GoalDto>> Handle(ListGoalsQuery request, CancellationToken cancellationToken)
    {
        var repoId = await repos.GetRequiredIdBySlugAsync(request.RepoSlug, cancellationToken);
        var list = await goals.ListByRepoAsync(repoId, cancellationToken);
        return Paging.InMemory(list.Select(g => mapper.Map<GoalDto>(g) with { RepoSlug = request.RepoSlug }).ToList(), request.Limit, request.Cursor, request.CursorList(), g => g.Id);
    }
}
