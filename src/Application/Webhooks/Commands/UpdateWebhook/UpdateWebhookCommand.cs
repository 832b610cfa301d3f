using System.Text.Json.Serialization;
using AutoMapper;
using FluentValidation;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Concurrency;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;
using StateHub.Domain.Webhooks;

namespace StateHub.Application.Webhooks.Commands.UpdateWebhook;

/// <summary>Changes only the fields present in the body; <c>enabled</c> turns deliveries off or on again.</summary>
public sealed record UpdateWebhookCommand : PatchRequest, ICommand<WebhookDto>, IAdminOnlyRequest
{
    private readonly string? _url;
    private readonly IReadOnlyList<string>? _eventTypes;
    private readonly IReadOnlyList<string>? _repoSlugs;
    private readonly IReadOnlyList<string>? _domainSlugs;
    private readonly string? _description;
    private readonly bool? _enabled;

    [JsonIgnore]
    public Guid Id { get; init; }

    /// <summary>The request's <c>If-Match</c> header, if any (see <see cref="IfMatchPrecondition"/>); not part of the body.</summary>
    [JsonIgnore]
    public string? IfMatch { get; init; }

    public string? Url { get => _url; init => _url = Track(value); }

    public IReadOnlyList<string>? EventTypes { get => _eventTypes; init => _eventTypes = Track(value); }

    /// <summary>An empty list or null removes the filter.</summary>
    public IReadOnlyList<string>? RepoSlugs { get => _repoSlugs; init => _repoSlugs = Track(value); }

    /// <summary>An empty list or null removes the filter.</summary>
    public IReadOnlyList<string>? DomainSlugs { get => _domainSlugs; init => _domainSlugs = Track(value); }

    public string? Description { get => _description; init => _description = Track(value); }

    /// <summary>False stops deliveries (they wait); true resumes them and clears the failure count.</summary>
    public bool? Enabled { get => _enabled; init => _enabled = Track(value); }
}

public sealed class UpdateWebhookCommandValidator : AbstractValidator<UpdateWebhookCommand>
{
    public UpdateWebhookCommandValidator()
    {
        When(c => c.Has(nameof(UpdateWebhookCommand.Url)), () => RuleFor(c => c.Url).WebhookUrl());
        When(c => c.Has(nameof(UpdateWebhookCommand.EventTypes)), () => RuleFor(c => c.EventTypes).NotNull().EventTypes());
        RuleFor(c => c.RepoSlugs).SlugFilter("repo_slugs");
        RuleFor(c => c.DomainSlugs).SlugFilter("domain_slugs");
        RuleFor(c => c.Description).MaximumLength(WebhookSubscription.DescriptionMaxLength);
        When(c => c.Has(nameof(UpdateWebhookCommand.Enabled)), () => RuleFor(c => c.Enabled).NotNull());
    }
}

internal sealed class UpdateWebhookCommandHandler(IWebhookStore store, IWebhookTargetGuard guard, IUnitOfWork unitOfWork, TimeProvider clock, IMapper mapper)
    : ICommandHandler<UpdateWebhookCommand, WebhookDto>
{
    public async Task<Func<WebhookDto>> Handle(UpdateWebhookCommand request, CancellationToken cancellationToken)
    {
        var subscription = await store.GetRequiredAsync(request.Id, cancellationToken);
        await unitOfWork.RequireIfMatchAsync(request.IfMatch, subscription, "webhook", cancellationToken);

        if (request.Has(nameof(request.Url)))
        {
            await guard.RequireAllowedAsync(request.Url!, cancellationToken);
            subscription.ChangeUrl(request.Url!);
        }

        if (request.Has(nameof(request.EventTypes)))
            subscription.ChangeEventTypes(request.EventTypes!);
        if (request.Has(nameof(request.RepoSlugs)))
            subscription.ChangeRepoSlugs(request.RepoSlugs);
        if (request.Has(nameof(request.DomainSlugs)))
            subscription.ChangeDomainSlugs(request.DomainSlugs);
        if (request.Has(nameof(request.Description)))
            subscription.Describe(request.Description);
        if (request.Enabled == true)
            subscription.Enable();
        else if (request.Enabled == false)
            subscription.Disable("Disabled by an administrator.", clock.GetUtcNow());
        return () => mapper.Map<WebhookDto>(subscription);
    }
}
