using System.Text.Json.Serialization;
using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Serialization;
using StateHub.Domain.Common;
using StateHub.Domain.Repos;

namespace StateHub.Application.Repos.Commands.RegisterRepo;

/// <summary>Registers a repo in an existing domain.</summary>
public sealed record RegisterRepoCommand : ICommand<RepoDto>
{
    /// <summary>Slug of the domain the repo belongs to; it must exist.</summary>
    /// <example>platform</example>
    public string DomainSlug { get; init; } = null!;

    /// <summary>Unique, <c>^[a-z0-9][a-z0-9-]{0,62}$</c>; not one of by-id, by-fingerprint, by-remote, doi.</summary>
    /// <example>repo-registry</example>
    public string Slug { get; init; } = null!;

    /// <example>Repo Registry</example>
    public string Name { get; init; } = null!;

    /// <summary>Path of the working tree on the registering host.</summary>
    /// <example>/src/repo-registry</example>
    public string? LocalPath { get; init; }

    /// <example>git@example.com:org/repo-registry.git</example>
    public string? RemoteUrl { get; init; }

    /// <summary>Root-commit SHA-1: <c>git rev-list --max-parents=0 HEAD</c>.</summary>
    /// <example>3f786850e387550fdab836ed7e6dc881de23001b</example>
    public string? GitFingerprint { get; init; }

    /// <example>Knows every repo of the fleet.</example>
    public string? Description { get; init; }

    /// <summary>Forum topic of the repo; a JSON number is accepted too.</summary>
    /// <example>"42"</example>
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? TopicId { get; init; }
}

public sealed class RegisterRepoCommandValidator : AbstractValidator<RegisterRepoCommand>
{
    public RegisterRepoCommandValidator()
    {
        RuleFor(c => c.DomainSlug).NotEmpty();
        RuleFor(c => c.Slug).NotEmpty()
            .Must(Slug.IsValid).WithMessage($"'slug' must match {Slug.RuleText}.")
            .Must(s => !Slug.ReservedRepoSlugs.Contains(s)).WithMessage(c => $"'{c.Slug}' is a reserved word and cannot be used as a repo slug.");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(ManagedRepo.NameMaxLength);
        RuleFor(c => c.LocalPath).MaximumLength(ManagedRepo.PathMaxLength);
        RuleFor(c => c.RemoteUrl).MaximumLength(ManagedRepo.UrlMaxLength);
        RuleFor(c => c.GitFingerprint).MaximumLength(ManagedRepo.FingerprintMaxLength);
        RuleFor(c => c.Description).MaximumLength(ManagedRepo.DescriptionMaxLength);
        RuleFor(c => c.TopicId).MaximumLength(ManagedRepo.TopicIdMaxLength);
    }
}

internal sealed class RegisterRepoCommandHandler(IDomainRepository domains, IRepoRepository repos, IMapper mapper)
    : ICommandHandler<RegisterRepoCommand, RepoDto>
{
    public async Task<Func<RepoDto>> Handle(RegisterRepoCommand request, CancellationToken cancellationToken)
    {
        var domain = await domains.GetBySlugAsync(request.DomainSlug, cancellationToken)
            ?? throw NotFoundException.Domain(request.DomainSlug);
        if (await repos.SlugExistsAsync(request.Slug, cancellationToken))
            throw new ConflictException(UniqueIndexConflicts.RepoSlug(request.Slug));

        var repo = ManagedRepo.Register(
            domain, request.Slug, request.Name, request.LocalPath, request.RemoteUrl,
            request.GitFingerprint, request.Description, request.TopicId);
        repos.Add(repo);

        return () => mapper.Map<RepoDto>(repo);
    }
}
