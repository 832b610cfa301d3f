namespace StateHub.Infrastructure.Persistence.Idempotency;

/// <summary>One Idempotency-Key: the request's hash, and once it finished, its stored response.</summary>
internal sealed class IdempotencyRecord
{
    public string Scope { get; set; } = string.Empty;

    public string Key { get; set; } = null!;

    public string RequestHash { get; set; } = null!;

    /// <summary>Null while the first request is still running.</summary>
    public int? Status { get; set; }

    public string? Headers { get; set; }

    public byte[]? Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
