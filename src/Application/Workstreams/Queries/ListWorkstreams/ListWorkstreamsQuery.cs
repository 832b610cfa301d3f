using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Workstreams.Queries.ListWorkstreams;

/// <summary>A repo's workstreams in the order they were created; unknown repo → 404.</summary>
public sealed record ListWorkstreamsQuery(string RepoSlug) : IQuery<IReadOnlyList<WorkstreamDto>>;

internal sealed class ListWorkstreamsQueryHandler(IRepoRepository repos, IWorkstreamRepository workstreams, IMapper mapper)
    : IRequestHandler<ListWorkstreamsQuery, IReadOnlyList<WorkstreamDto>>
{
    public async Task<IReadOnlyList<WorkstreamDto>> Handle(ListWorkstreamsQuery request, CancellationToken cancellationToken)
    {
        var repoId = await repos.GetRequiredIdBySlugAsync(request.RepoSlug, cancellationToken);
        var list = await workstreams.ListByRepoAsync(repoId, cancellationToken);
        return list.Select(w => mapper.Map<WorkstreamDto>(w) with { RepoSlug = request.RepoSlug }).ToList();
    }
}
