using StateHub.Application.Common.Abstractions;

namespace StateHub.Infrastructure.Persistence.Queries;

/// <summary>
/// Lets a node answer the fleet's DoI summary from the inputs it read last time, for as long as
/// nothing those inputs come from has changed. Every statement that writes one of those tables
/// notes its transaction id in <c>doi_input_changes</c> (a statement trigger, migration
/// <c>Issue18_DoiInputChangeLog</c>; one row per transaction, each writer its own key, so writers
/// never wait on each other). A node keeps its inputs with the PostgreSQL snapshot they were read
/// in; before reusing them it asks, in one indexed statement, whether a transaction it could not
/// see then has committed a change since. A writer still in progress is invisible to every reader
/// as well, so it is caught by the first check after its commit. Any number of nodes can do this
/// on one database: each keeps its own inputs, and the log is shared.
/// </summary>
/// <remarks>
/// Kept inputs are dropped after <see cref="MaxAge"/> whatever the log says, and the purge keeps
/// a log row for <see cref="RetainFor"/>: a row is only ever purged after every node has stopped
/// trusting inputs read before it was written (short of a writer that stays open for longer
/// than <see cref="RetainFor"/>, whose change is then picked up within <see cref="MaxAge"/>).
/// </remarks>
internal sealed class DoiInputChangeLog(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan RetainFor = TimeSpan.FromMinutes(10);

    /// <summary>The snapshot the statements that follow it in a repeatable-read transaction read in.</summary>
    public const string SnapshotSql = "SELECT pg_current_snapshot()::text";

    /// <summary>
    /// Whether a change committed that snapshot {0} did not see: its log rows are those from its
    /// xmin on (older ids were all settled when it was taken), read off the primary key.
    /// </summary>
    public const string ChangedSinceSql = """
        SELECT EXISTS (
            SELECT 1 FROM doi_input_changes
            WHERE xid >= pg_snapshot_xmin({0}::pg_snapshot) AND NOT pg_visible_in_snapshot(xid, {0}::pg_snapshot))
        """;

    // One slot for the summary without criteria, one with: their inputs differ (the criteria are left out of the first).
    private readonly Kept?[] _kept = new Kept?[2];

    /// <summary>Inputs read in <paramref name="Snapshot"/> at <paramref name="ReadAt"/>.</summary>
    public sealed record Kept(string Snapshot, IReadOnlyList<DoiRepoInputs> Inputs, DateTimeOffset ReadAt);

    public Kept? Get(bool withCriteria) =>
        Volatile.Read(ref _kept[Slot(withCriteria)]) is { } kept && clock.GetUtcNow() - kept.ReadAt < MaxAge ? kept : null;

    public void Keep(bool withCriteria, string snapshot, IReadOnlyList<DoiRepoInputs> inputs) =>
        Volatile.Write(ref _kept[Slot(withCriteria)], new Kept(snapshot, inputs, clock.GetUtcNow()));

    private static int Slot(bool withCriteria) => withCriteria ? 1 : 0;
}
