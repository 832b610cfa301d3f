using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Repos.Queries.GetRepo;

public sealed record GetRepoQuery(string Slug) : IQuery<RepoDto>;

internal sealed class GetRepoQueryHandler(IRepoRepository repos, IMapper mapper)
    : IRequestHandler<GetRepoQuery, RepoDto>
{
    public async Task<RepoDto> Handle(GetRepoQuery request, CancellationToken cancellationToken)
    {
        // A plain read: untracked, one statement.
        var repo = await repos.ReadBySlugAsync(request.Slug, cancellationToken) ?? throw NotFoundException.Repo(request.Slug);
        return mapper.Map<RepoDto>(repo);
    }
}
