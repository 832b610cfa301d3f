namespace StateHub.Infrastructure.Time;

/// <summary>
/// The system clock at PostgreSQL's precision (microseconds), so a timestamp in a response is the
/// same value a later read of the row returns.
/// </summary>
internal sealed class MicrosecondTimeProvider : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero);
    }
}
