using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Goals.Queries.ListGoals;

/// <summary>A repo's goals, most urgent first (priority, then creation); unknown repo → 404.</summary>
public sealed record ListGoalsQuery(string RepoSlug) : IQuery<IReadOnlyList<GoalDto>>;

internal sealed class ListGoalsQueryHandler(IRepoRepository repos, IGoalRepository goals, IMapper mapper)
    : IRequestHandler<ListGoalsQuery, IReadOnlyList<GoalDto>>
{
    public async Task<IReadOnlyList<GoalDto>> Handle(ListGoalsQuery request, CancellationToken cancellationToken)
    {
        var repo = await repos.GetBySlugAsync(request.RepoSlug, cancellationToken)
            ?? throw NotFoundException.Repo(request.RepoSlug);
        var list = await goals.ListByRepoAsync(repo.Id, cancellationToken);
        return list.Select(g => mapper.Map<GoalDto>(g) with { RepoSlug = repo.Slug }).ToList();
    }
}
