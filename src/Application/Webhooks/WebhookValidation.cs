using FluentValidation;
using StateHub.Domain.Common;
using StateHub.Domain.Webhooks;

namespace StateHub.Application.Webhooks;

internal static class WebhookValidation
{
    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host)
        && string.IsNullOrEmpty(uri.UserInfo);

    public static IRuleBuilderOptions<T, string?> WebhookUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty()
            .MaximumLength(WebhookSubscription.UrlMaxLength)
            .Must(IsHttpUrl).WithMessage("'url' must be an absolute http:// or https:// URL without credentials.");

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> EventTypes<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(types => types is null || types.Count > 0)
            .WithMessage("'event_types' must list at least one event type, or [\"*\"] for all.")
            .Must(types => types is null || types.Count <= WebhookSubscription.MaxEventTypes)
            .WithMessage($"'event_types' may list at most {WebhookSubscription.MaxEventTypes} types.")
            .Must(types => types is null || types.All(t => t == WebhookEventTypes.Wildcard || WebhookEventTypes.IsKnown(t)))
            .WithMessage(c => $"'event_types' may hold only \"*\" or these types: {string.Join(", ", WebhookEventTypes.All)}.");

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> SlugFilter<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule, string field) =>
        rule.Must(slugs => slugs is null || slugs.Count <= WebhookSubscription.MaxFilterSlugs)
            .WithMessage($"'{field}' may list at most {WebhookSubscription.MaxFilterSlugs} slugs.")
            .Must(slugs => slugs is null || slugs.All(s => s is not null && Slug.IsValid(s)))
            .WithMessage($"'{field}' must hold slugs matching {Slug.Pattern}.");
}
