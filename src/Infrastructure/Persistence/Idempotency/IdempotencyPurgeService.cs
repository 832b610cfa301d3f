using Microsoft.Extensions.Logging;
using StateHub.Application.Common.Abstractions;

namespace StateHub.Infrastructure.Persistence.Idempotency;

/// <summary>Deletes expired Idempotency-Keys (see <see cref="BatchPurgeService"/>).</summary>
internal sealed class IdempotencyPurgeService(IIdempotencyStore store, TimeProvider clock, ILogger<IdempotencyPurgeService> logger)
    : BatchPurgeService(clock, logger)
{
    protected override string Subject => "expired idempotency keys";

    protected override Task<int> PurgeBatchAsync(int batchSize, CancellationToken cancellationToken) =>
        store.PurgeExpiredAsync(Clock.GetUtcNow(), batchSize, cancellationToken);
}
