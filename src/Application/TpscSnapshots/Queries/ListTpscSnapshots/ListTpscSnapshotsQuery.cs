using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.TpscSnapshots.Queries.ListTpscSnapshots;

/// <summary>A repo's TPSC snapshots, newest first; unknown repo → 404.</summary>
public sealed record ListTpscSnapshotsQuery(string RepoSlug) : IQuery<IReadOnlyList<TpscSnapshotDto>>;

internal sealed class ListTpscSnapshotsQueryHandler(IRepoRepository repos, ITpscSnapshotRepository snapshots, IMapper mapper)
    : IRequestHandler<ListTpscSnapshotsQuery, IReadOnlyList<TpscSnapshotDto>>
{
    public async Task<IReadOnlyList<TpscSnapshotDto>> Handle(ListTpscSnapshotsQuery request, CancellationToken cancellationToken)
    {
        var repoId = await repos.GetRequiredIdBySlugAsync(request.RepoSlug, cancellationToken);
        var list = await snapshots.ListByRepoAsync(repoId, cancellationToken);
        return list.Select(s => mapper.Map<TpscSnapshotDto>(s) with { RepoSlug = request.RepoSlug }).ToList();
    }
}
