using AutoMapper;
using StateHub.Application.Common.Concurrency;
using StateHub.Domain.Webhooks;

namespace StateHub.Application.Webhooks;

/// <summary>A webhook subscription as the API shows it (never with its secret).</summary>
public record WebhookDto : IVersionedDto
{
    public Guid Id { get; init; }

    /// <example>https://ci.example.com/hooks/state-hub</example>
    public string Url { get; init; } = null!;

    public string? Description { get; init; }

    /// <summary>The event types sent, or <c>["*"]</c> for all.</summary>
    public IReadOnlyList<string> EventTypes { get; init; } = [];

    /// <summary>Only events about these repos (for interface changes: the origin or any affected repo); empty for all.</summary>
    public IReadOnlyList<string> RepoSlugs { get; init; } = [];

    /// <summary>Only events about repos of these domains; empty for all.</summary>
    public IReadOnlyList<string> DomainSlugs { get; init; } = [];

    public bool Enabled { get; init; }

    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>Why the hub disabled it (410 from the receiver, failing too long), or that an admin did.</summary>
    public string? DisabledReason { get; init; }

    /// <summary>Until when the previous secret still signs, after a rotation.</summary>
    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    public DateTimeOffset? LastFailureAt { get; init; }

    /// <summary>Failed attempts since the last success.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>When the current run of failures began; null while healthy.</summary>
    public DateTimeOffset? FailingSince { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    private sealed class Mapping : Profile
    {
        public Mapping()
        {
            CreateMap<WebhookSubscription, WebhookDto>();
            CreateMap<WebhookSubscription, WebhookWithSecretDto>();
        }
    }
}

/// <summary>A subscription with its signing secret: only in the answer that creates or rotates it.</summary>
public sealed record WebhookWithSecretDto : WebhookDto
{
    /// <summary><c>whsec_</c> + base64 of 32 random bytes; shown only this once. Verify signatures with it.</summary>
    /// <example>whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw</example>
    public string Secret { get; init; } = null!;
}

/// <summary>One delivery attempt of one event to one subscription.</summary>
public sealed record WebhookDeliveryDto
{
    /// <summary>The attempt's id; redeliver with it.</summary>
    public Guid Id { get; init; }

    public Guid WebhookId { get; init; }

    /// <summary>The event's id: the <c>webhook-id</c> header, the same for every subscription and attempt.</summary>
    public Guid EventId { get; init; }

    public string EventType { get; init; } = null!;

    public long Sequence { get; init; }

    /// <summary>1 for the first attempt.</summary>
    public int Attempt { get; init; }

    public WebhookDeliveryStatus Status { get; init; }

    /// <summary>The receiver's HTTP status; null when there was no answer.</summary>
    public int? ResponseStatus { get; init; }

    /// <summary>The first 4 KiB of the receiver's answer.</summary>
    public string? ResponseBody { get; init; }

    public int? DurationMs { get; init; }

    /// <summary>Why the attempt failed without an answer (timeout, refused address, connection error).</summary>
    public string? Error { get; init; }

    /// <summary>Pending: when it is due. Failed: when the retry is due, or null when none follows.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    private sealed class Mapping : Profile
    {
        public Mapping() => CreateMap<WebhookDelivery, WebhookDeliveryDto>()
            .ForMember(d => d.WebhookId, o => o.MapFrom(s => s.SubscriptionId));
    }
}

/// <summary>What a recovery queued.</summary>
public sealed record WebhookRecoveryDto
{
    public Guid WebhookId { get; init; }

    public DateTimeOffset Since { get; init; }

    /// <summary>How many failed deliveries were queued again.</summary>
    public int Requeued { get; init; }
}
