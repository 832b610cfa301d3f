using System.Text.Json.Serialization;
using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Concurrency;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Repos.Commands.ArchiveRepo;

/// <summary>Archives a repo; archiving an archived repo is a no-op.</summary>
public sealed record ArchiveRepoCommand(string Slug) : ICommand<RepoDto>
{
    /// <summary>The request's <c>If-Match</c> header, if any (see <see cref="IfMatchPrecondition"/>); not part of the body.</summary>
    [JsonIgnore]
    public string? IfMatch { get; init; }
}

internal sealed class ArchiveRepoCommandHandler(IRepoRepository repos, IUnitOfWork unitOfWork, IMapper mapper)
    : ICommandHandler<ArchiveRepoCommand, RepoDto>
{
    public async Task<Func<RepoDto>> Handle(ArchiveRepoCommand request, CancellationToken cancellationToken)
    {
        var repo = await repos.GetRequiredBySlugAsync(request.Slug, cancellationToken);
        await unitOfWork.RequireIfMatchAsync(request.IfMatch, repo, "repo", cancellationToken);
        repo.Archive();
        return () => mapper.Map<RepoDto>(repo);
    }
}
