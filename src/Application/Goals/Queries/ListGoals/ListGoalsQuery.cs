using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Goals.Queries.ListGoals;

/// <summary>A repo's goals, most urgent first (priority, then creation); unknown repo → 404.</summary>
public sealed record ListGoalsQuery(string RepoSlug) : IQuery<IReadOnlyList<GoalDto>>;

internal sealed class ListGoalsQueryHandler(IRepoRepository repos, IGoalRepository goals, IMapper mapper)
    : IRequestHandler<ListGoalsQuery, IReadOnlyList<GoalDto>>
{
    public async Task<IReadOnlyList<GoalDto>> Handle(ListGoalsQuery request, CancellationToken cancellationToken)
    {
        var repoId = await repos.GetRequiredIdBySlugAsync(request.RepoSlug, cancellationToken);
        var list = await goals.ListByRepoAsync(repoId, cancellationToken);
        return list.Select(g => mapper.Map<GoalDto>(g) with { RepoSlug = request.RepoSlug }).ToList();
    }
}
