using FluentValidation;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;
using StateHub.Domain.Access;

namespace StateHub.Application.ApiKeys.Commands.CreateApiKey;

/// <summary>Creates a key; the answer carries its secret, the only time it is shown.</summary>
public sealed record CreateApiKeyCommand : ICommand<CreatedApiKeyDto>, IAdminOnlyRequest
{
    public string Name { get; init; } = null!;

    public ApiKeyRole? Role { get; init; }

    /// <summary>The repo an agent key is bound to; only for agent keys.</summary>
    public string? RepoSlug { get; init; }

    /// <summary>When the key stops working; never when absent.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}

public sealed class CreateApiKeyCommandValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyCommandValidator(TimeProvider clock)
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(ApiKey.NameMaxLength);
        RuleFor(c => c.Role).NotNull().IsInEnum();
        When(c => c.Role == ApiKeyRole.Agent, () =>
            RuleFor(c => c.RepoSlug).NotEmpty().WithMessage("An agent key must be bound to a repo: give 'repo_slug'."));
        When(c => c.Role is not null && c.Role != ApiKeyRole.Agent, () =>
            RuleFor(c => c.RepoSlug).Null().WithMessage("Only agent keys are bound to a repo: leave 'repo_slug' out for admin and reader keys."));
        RuleFor(c => c.ExpiresAt)
            .Must(e => e is null || e > clock.GetUtcNow())
            .WithMessage("'expires_at' must be in the future.");
    }
}

internal sealed class CreateApiKeyCommandHandler(IApiKeyRepository keys, IRepoRepository repos)
    : ICommandHandler<CreateApiKeyCommand, CreatedApiKeyDto>
{
    public async Task<Func<CreatedApiKeyDto>> Handle(CreateApiKeyCommand request, CancellationToken cancellationToken)
    {
        string? repoSlug = null;
        if (request.Role == ApiKeyRole.Agent)
        {
            var repo = await repos.GetRequiredBySlugAsync(request.RepoSlug!.Trim(), cancellationToken);
            repoSlug = repo.Slug;
        }

        var secret = ApiKeySecrets.Generate();
        var key = ApiKey.Create(request.Name, request.Role!.Value, repoSlug, ApiKeySecrets.PrefixOf(secret), ApiKeySecrets.Hash(secret),
            request.ExpiresAt?.ToUniversalTime());
        keys.Add(key);

        // Built after the pipeline saved, so created_at is the stamped one.
        return () => new CreatedApiKeyDto
        {
            Id = key.Id,
            Name = key.Name,
            Role = key.Role,
            RepoSlug = key.RepoSlug,
            Prefix = key.Prefix,
            CreatedAt = key.CreatedAt,
            ExpiresAt = key.ExpiresAt,
            Key = secret,
        };
    }
}
