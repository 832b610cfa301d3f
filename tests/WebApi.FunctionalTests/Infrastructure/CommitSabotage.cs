using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StateHub.WebApi.FunctionalTests.Infrastructure;

/// <summary>Fails the next commit when armed: the transaction then rolls back with everything it wrote.</summary>
public sealed class CommitSabotage : DbTransactionInterceptor
{
    private int _armed;

    public void FailNextCommit() => Interlocked.Exchange(ref _armed, 1);

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
            throw new InvalidOperationException("Commit sabotaged by the test.");
        return base.TransactionCommittingAsync(transaction, eventData, result, cancellationToken);
    }
}
