using System.Text.Json.Serialization;
using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Concurrency;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Serialization;
using StateHub.Domain.Repos;

namespace StateHub.Application.Repos.Commands.UpdateRepo;

/// <summary>Partial update: only the fields present in the body change; unknown fields are refused.</summary>
public sealed record UpdateRepoCommand : PatchRequest, ICommand<RepoDto>
{
    private readonly string? _name;
    private readonly string? _description;
    private readonly string? _localPath;
    private readonly string? _remoteUrl;
    private readonly string? _gitFingerprint;
    private readonly string? _topicId;
    private readonly DateTimeOffset? _lastSbomAt;

    [JsonIgnore]
    public string Slug { get; init; } = null!;

    /// <summary>The request's <c>If-Match</c> header, if any (see <see cref="IfMatchPrecondition"/>); not part of the body.</summary>
    [JsonIgnore]
    public string? IfMatch { get; init; }

    public string? Name { get => _name; init => _name = Track(value); }

    /// <example>Knows every repo of the fleet, and where it lives.</example>
    public string? Description { get => _description; init => _description = Track(value); }

    public string? LocalPath { get => _localPath; init => _localPath = Track(value); }

    public string? RemoteUrl { get => _remoteUrl; init => _remoteUrl = Track(value); }

    public string? GitFingerprint { get => _gitFingerprint; init => _gitFingerprint = Track(value); }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? TopicId { get => _topicId; init => _topicId = Track(value); }

    /// <summary>When the repo's SBOM was last produced (DoI criterion C8).</summary>
    /// <example>2026-11-01T10:00:00+00:00</example>
    public DateTimeOffset? LastSbomAt { get => _lastSbomAt; init => _lastSbomAt = Track(value); }
}

public sealed class UpdateRepoCommandValidator : AbstractValidator<UpdateRepoCommand>
{
    public UpdateRepoCommandValidator()
    {
        When(c => c.Has(nameof(UpdateRepoCommand.Name)), () =>
            RuleFor(c => c.Name).NotEmpty().MaximumLength(ManagedRepo.NameMaxLength));
        RuleFor(c => c.LocalPath).MaximumLength(ManagedRepo.PathMaxLength);
        RuleFor(c => c.RemoteUrl).MaximumLength(ManagedRepo.UrlMaxLength);
        RuleFor(c => c.GitFingerprint).MaximumLength(ManagedRepo.FingerprintMaxLength);
        RuleFor(c => c.Description).MaximumLength(ManagedRepo.DescriptionMaxLength);
        RuleFor(c => c.TopicId).MaximumLength(ManagedRepo.TopicIdMaxLength);
    }
}

internal sealed class UpdateRepoCommandHandler(IRepoRepository repos, IUnitOfWork unitOfWork, IMapper mapper)
    : ICommandHandler<UpdateRepoCommand, RepoDto>
{
    public async Task<Func<RepoDto>> Handle(UpdateRepoCommand request, CancellationToken cancellationToken)
    {
        var repo = await repos.GetRequiredBySlugAsync(request.Slug, cancellationToken);
        await unitOfWork.RequireIfMatchAsync(request.IfMatch, repo, "repo", cancellationToken);

        if (request.Has(nameof(request.Name)))
            repo.Rename(request.Name!);
        if (request.Has(nameof(request.Description)))
            repo.Describe(request.Description);
        if (request.Has(nameof(request.LocalPath)))
            repo.SetLocalPath(request.LocalPath);
        if (request.Has(nameof(request.RemoteUrl)))
            repo.SetRemoteUrl(request.RemoteUrl);
        if (request.Has(nameof(request.GitFingerprint)))
            repo.SetGitFingerprint(request.GitFingerprint);
        if (request.Has(nameof(request.TopicId)))
            repo.SetTopicId(request.TopicId);
        if (request.Has(nameof(request.LastSbomAt)))
            repo.RecordSbom(request.LastSbomAt);


        return () => mapper.Map<RepoDto>(repo);
    }
}
