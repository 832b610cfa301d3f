using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Repos.Queries.GetRepoById;

public sealed record GetRepoByIdQuery(Guid RepoId) : IQuery<RepoDto>;

internal sealed class GetRepoByIdQueryHandler(IRepoRepository repos, IMapper mapper)
    : IRequestHandler<GetRepoByIdQuery, RepoDto>
{
    public async Task<RepoDto> Handle(GetRepoByIdQuery request, CancellationToken cancellationToken)
    {
        var repo = await repos.GetByIdAsync(request.RepoId, cancellationToken)
            ?? throw NotFoundException.Repo(request.RepoId);
        return mapper.Map<RepoDto>(repo);
    }
}
