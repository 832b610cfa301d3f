using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Dispatch.Queries.GetDispatch;

/// <summary>The dispatch briefing of one repo (spec §4); unknown repo → 404.</summary>
public sealed record GetDispatchQuery(string RepoSlug) : IQuery<DispatchDto>;

internal sealed class GetDispatchQueryHandler(IDispatchQueries queries)
    : IRequestHandler<GetDispatchQuery, DispatchDto>
{
    public async Task<DispatchDto> Handle(GetDispatchQuery request, CancellationToken cancellationToken) =>
        await queries.GetDispatchAsync(request.RepoSlug, cancellationToken)
            ?? throw NotFoundException.Repo(request.RepoSlug);
}
