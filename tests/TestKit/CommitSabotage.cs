using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StateHub.TestKit;

/// <summary>
/// Makes the next commit made while serving an HTTP request fail. Commits of background work
/// (the webhook worker, the claim sweep, purges) run outside any request and pass untouched, so
/// they cannot use up the sabotage meant for the request under test.
/// </summary>
public sealed class CommitSabotage : DbTransactionInterceptor
{
    // HttpContextAccessor reads the one AsyncLocal the host sets for each request.
    private static readonly HttpContextAccessor Requests = new();

    private int _armed;

    public void FailNextCommit() => Interlocked.Exchange(ref _armed, 1);

    /// <summary>Forgets an armed failure that no commit used (hosts are shared between tests).</summary>
    public void Disarm() => Interlocked.Exchange(ref _armed, 0);

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (Requests.HttpContext is not null && Interlocked.Exchange(ref _armed, 0) == 1)
            throw new InvalidOperationException("Commit sabotaged by the test.");
        return base.TransactionCommittingAsync(transaction, eventData, result, cancellationToken);
    }
}
