using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StateHub.Application.Common.Abstractions;

namespace StateHub.WebApi.Security;

/// <summary>
/// Records that a key was used (<c>last_used_at</c>, §10) at most once per
/// <see cref="AuthOptions.LastUsedGranularity"/> per key on this node, without a round trip for
/// the other requests: the node remembers when it last wrote each key. The database statement
/// keeps its own guard (it writes only when the stored time is older than the granularity), so
/// several nodes still write a key at most once per granularity each and never move it back.
/// </summary>
public sealed class ApiKeyUseRecorder(IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _written = new();

    public Task RecordAsync(IApiKeyRepository keys, Guid keyId)
    {
        var now = clock.GetUtcNow();
        var granularity = options.Value.LastUsedGranularity;
        if (_written.TryGetValue(keyId, out var last) && now >= last && now - last < granularity)
            return Task.CompletedTask;
        _written[keyId] = now;
        return keys.TouchLastUsedAsync(keyId, now, granularity, CancellationToken.None);
    }
}
