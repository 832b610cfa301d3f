using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Repos.Commands.ArchiveRepo;

/// <summary>Archives a repo; archiving an archived repo is a no-op.</summary>
public sealed record ArchiveRepoCommand(string Slug) : ICommand<RepoDto>;

internal sealed class ArchiveRepoCommandHandler(IRepoRepository repos, IUnitOfWork unitOfWork, IMapper mapper)
    : IRequestHandler<ArchiveRepoCommand, RepoDto>
{
    public async Task<RepoDto> Handle(ArchiveRepoCommand request, CancellationToken cancellationToken)
    {
        var repo = await repos.GetBySlugAsync(request.Slug, cancellationToken)
            ?? throw NotFoundException.Repo(request.Slug);
        repo.Archive();
        // Saved before mapping so the response carries the stamped updated_at.
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<RepoDto>(repo);
    }
}
