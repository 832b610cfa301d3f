using System.Text.Json.Serialization;
using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Concurrency;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;
using StateHub.Domain.Repos;

namespace StateHub.Application.Repos.Commands.RegisterHostPath;

/// <summary>Records where the repo lives on one host, leaving other hosts' paths untouched.</summary>
public sealed record RegisterHostPathCommand : ICommand<RepoDto>, IRepoScopedRequest
{
    string IRepoScopedRequest.RepoSlug => Slug;

    [JsonIgnore]
    public string Slug { get; init; } = null!;

    /// <summary>The request's <c>If-Match</c> header, if any (see <see cref="IfMatchPrecondition"/>); not part of the body.</summary>
    [JsonIgnore]
    public string? IfMatch { get; init; }

    /// <summary>The host name, as the host itself reports it.</summary>
    /// <example>build-agent-7</example>
    public string Host { get; init; } = null!;

    /// <summary>Absolute path of the repo's working tree on that host (<c>/...</c>, <c>C:\...</c> or <c>\\server\share</c>); a relative path is a 422.</summary>
    /// <example>/home/agent/src/repo-registry</example>
    public string Path { get; init; } = null!;
}

public sealed class RegisterHostPathCommandValidator : AbstractValidator<RegisterHostPathCommand>
{
    public RegisterHostPathCommandValidator()
    {
        RuleFor(c => c.Host).NotEmpty().MaximumLength(ManagedRepo.HostMaxLength);
        RuleFor(c => c.Path).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(ManagedRepo.PathMaxLength)
            .Must(p => ManagedRepo.IsAbsolutePath(p?.Trim())).WithMessage(ManagedRepo.AbsolutePathMessage);
    }
}

internal sealed class RegisterHostPathCommandHandler(IRepoRepository repos, IUnitOfWork unitOfWork, IMapper mapper)
    : ICommandHandler<RegisterHostPathCommand, RepoDto>
{
    public async Task<Func<RepoDto>> Handle(RegisterHostPathCommand request, CancellationToken cancellationToken)
    {
        // host_paths is one column: two hosts registering at once must both be kept, so the row is
        // locked before it is read and the second merge starts from the first one's result.
        await repos.LockBySlugAsync(request.Slug, cancellationToken);
        var repo = await repos.GetRequiredBySlugAsync(request.Slug, cancellationToken);
        await unitOfWork.RequireIfMatchAsync(request.IfMatch, repo, "repo", cancellationToken);
        repo.SetHostPath(request.Host, request.Path);
        return () => mapper.Map<RepoDto>(repo);
    }
}
