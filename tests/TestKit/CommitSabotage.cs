using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StateHub.TestKit;

/// <summary>Fails the next commit when armed: the transaction then rolls back with everything it wrote.</summary>
public sealed class CommitSabotage : DbTransactionInterceptor
{
    private int _armed;

    public void FailNextCommit() => Interlocked.Exchange(ref _armed, 1);

    /// <summary>Forgets an armed failure that no commit used (hosts are shared between tests).</summary>
    public void Disarm() => Interlocked.Exchange(ref _armed, 0);

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
            throw new InvalidOperationException("Commit sabotaged by the test.");
        return base.TransactionCommittingAsync(transaction, eventData, result, cancellationToken);
    }
}
