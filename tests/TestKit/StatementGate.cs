using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StateHub.TestKit;

/// <summary>
/// Holds the next command whose SQL contains a chosen fragment before it is sent, until the test
/// opens the gate: a race test can stop a request in the middle of its transaction (after the
/// statements before that one, with their locks held) and send another request against it.
/// </summary>
public sealed class StatementGate : DbCommandInterceptor
{
    private Armed? _armed;

    /// <summary>Holds the next command containing <paramref name="sqlFragment"/> (ordinal) until <see cref="Open"/>.</summary>
    public void HoldNext(string sqlFragment) => Interlocked.Exchange(ref _armed, new Armed(sqlFragment));

    /// <summary>Waits until a command has reached the gate.</summary>
    public Task ReachedAsync(TimeSpan timeout) =>
        (_armed ?? throw new InvalidOperationException("No statement is held: call HoldNext first.")).Reached.Task.WaitAsync(timeout);

    /// <summary>Lets the held command go (and disarms the gate).</summary>
    public void Open() => Interlocked.Exchange(ref _armed, null)?.Release.TrySetResult();

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await WaitIfHeldAsync(command, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await WaitIfHeldAsync(command, cancellationToken);
        return result;
    }

    private async Task WaitIfHeldAsync(DbCommand command, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _armed) is not { } armed || !command.CommandText.Contains(armed.Fragment, StringComparison.Ordinal))
            return;
        // Only the first matching command waits; the ones after it pass.
        if (!armed.Reached.TrySetResult())
            return;
        await armed.Release.Task.WaitAsync(cancellationToken);
    }

    private sealed class Armed(string fragment)
    {
        public string Fragment { get; } = fragment;
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
