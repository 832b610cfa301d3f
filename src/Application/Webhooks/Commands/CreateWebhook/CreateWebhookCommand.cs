using AutoMapper;
using FluentValidation;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;
using StateHub.Domain.Webhooks;

namespace StateHub.Application.Webhooks.Commands.CreateWebhook;

/// <summary>Subscribes a receiver URL to events. Creating a subscription sends nothing by itself.</summary>
public sealed record CreateWebhookCommand : ICommand<WebhookWithSecretDto>, IAdminOnlyRequest
{
    /// <summary>Where to POST events: http or https; targets on loopback, private or link-local networks are refused.</summary>
    /// <example>https://ci.example.com/hooks/state-hub</example>
    public string Url { get; init; } = null!;

    /// <summary>Event types to send, or <c>["*"]</c> for all (the default).</summary>
    /// <example>["interface_change.published", "inbox.message_created"]</example>
    public IReadOnlyList<string>? EventTypes { get; init; }

    /// <summary>Only events about these repos (for interface changes: the origin or any affected repo).</summary>
    public IReadOnlyList<string>? RepoSlugs { get; init; }

    /// <summary>Only events about repos of these domains.</summary>
    public IReadOnlyList<string>? DomainSlugs { get; init; }

    /// <example>CI pipeline trigger</example>
    public string? Description { get; init; }
}

public sealed class CreateWebhookCommandValidator : AbstractValidator<CreateWebhookCommand>
{
    public CreateWebhookCommandValidator()
    {
        RuleFor(c => c.Url).WebhookUrl();
        RuleFor(c => c.EventTypes).EventTypes();
        RuleFor(c => c.RepoSlugs).SlugFilter("repo_slugs");
        RuleFor(c => c.DomainSlugs).SlugFilter("domain_slugs");
        RuleFor(c => c.Description).MaximumLength(WebhookSubscription.DescriptionMaxLength);
    }
}

internal sealed class CreateWebhookCommandHandler(IWebhookStore store, IWebhookTargetGuard guard, IMapper mapper)
    : ICommandHandler<CreateWebhookCommand, WebhookWithSecretDto>
{
    public async Task<Func<WebhookWithSecretDto>> Handle(CreateWebhookCommand request, CancellationToken cancellationToken)
    {
        await guard.RequireAllowedAsync(request.Url, cancellationToken);
        var subscription = WebhookSubscription.Create(
            request.Url, request.EventTypes ?? [WebhookEventTypes.Wildcard], request.RepoSlugs, request.DomainSlugs,
            request.Description, WebhookSecrets.New());
        store.Add(subscription);
        return () => mapper.Map<WebhookWithSecretDto>(subscription);
    }
}
