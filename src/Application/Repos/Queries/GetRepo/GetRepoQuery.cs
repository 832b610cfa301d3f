using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Repos.Queries.GetRepo;

public sealed record GetRepoQuery(string Slug) : IQuery<RepoDto>;

internal sealed class GetRepoQueryHandler(IRepoRepository repos, IMapper mapper)
    : IRequestHandler<GetRepoQuery, RepoDto>
{
    public async Task<RepoDto> Handle(GetRepoQuery request, CancellationToken cancellationToken)
    {
        var repo = await repos.GetRequiredBySlugAsync(request.Slug, cancellationToken);
        return mapper.Map<RepoDto>(repo);
    }
}
