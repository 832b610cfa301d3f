namespace StateHub.Infrastructure.Webhooks;

/// <summary>
/// Lets a commit that queued deliveries wake this node's worker at once instead of at its next
/// poll. Only a hint: the queue is the table, and other nodes find the work by polling.
/// </summary>
internal sealed class WebhookWakeUp
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Signal()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    /// <summary>Waits for a signal or <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _signal.WaitAsync(timeout, cancellationToken);
}
