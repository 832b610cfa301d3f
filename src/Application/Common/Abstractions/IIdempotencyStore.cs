namespace StateHub.Application.Common.Abstractions;

/// <summary>
/// Responses to POSTs sent with an <c>Idempotency-Key</c> (§15), stored in the database so every
/// API node sees them: the first request claims the key, its response is stored, retries replay it.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>Claims <paramref name="key"/> for a request whose content hashes to <paramref name="requestHash"/>, or reports what holds it.</summary>
    Task<IdempotencyClaim> ClaimAsync(string scope, string key, string requestHash, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Stores the response of the request that claimed the key.</summary>
    Task CompleteAsync(string scope, string key, StoredResponse response, CancellationToken cancellationToken);

    /// <summary>Gives the key up (the request failed on our side), so a retry runs again.</summary>
    Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken);

    /// <summary>Deletes expired keys, a batch at a time, safely from several nodes at once; returns how many.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken);
}

public enum IdempotencyOutcome
{
    /// <summary>This request holds the key: run it, then store its response.</summary>
    Claimed,

    /// <summary>The first request with this key is still running.</summary>
    Running,

    /// <summary>The key was used with another request.</summary>
    Mismatch,

    /// <summary>The stored response is to be replayed.</summary>
    Replay,
}

/// <summary>A stored response: status, the headers that matter (name → value), and the body's exact bytes.</summary>
public sealed record StoredResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body);

public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, StoredResponse? Response = null);
