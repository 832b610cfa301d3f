using StateHub.Application.Common.Abstractions;

namespace StateHub.Infrastructure.Persistence.Queries;

/// <summary>
/// Lets a node answer the fleet's DoI summary from the inputs it read last time, for as long as
/// nothing those inputs come from has changed. Every statement that writes one of those tables
/// notes its transaction id in <c>doi_input_changes</c> (a statement trigger, migration
/// <c>Issue18_DoiInputChangeLog</c>; one row per transaction, each writer its own key, so writers
/// never wait on each other). A node keeps its inputs with the PostgreSQL snapshot they were read
/// in (taken just before them); before reusing them it asks, in one indexed statement, whether a
/// transaction that snapshot could not see has committed a change since. A writer still in
/// progress is invisible to every reader as well, so it is caught by the first check after its
/// commit. Any number of nodes can do this on one database: each keeps its own inputs, and the
/// log is shared.
/// </summary>
/// <remarks>
/// Kept inputs are dropped after <see cref="MaxAge"/> whatever the log says, and the purge keeps
/// a log row for <see cref="RetainFor"/>: a row is only ever purged after every node has stopped
/// trusting inputs read before it was written (short of a writer that stays open for longer
/// than <see cref="RetainFor"/>, whose change is then picked up within <see cref="MaxAge"/>).
/// Writes that fire no trigger are likewise only picked up within <see cref="MaxAge"/>:
/// <c>session_replication_role = replica</c> (logical-replication apply, <c>pg_restore
/// --disable-triggers</c>), <c>ALTER TABLE … DISABLE TRIGGER</c>, a table rewrite by DDL, a
/// point-in-time restore that rewinds transaction ids.
/// </remarks>
internal sealed class DoiInputChangeLog(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan RetainFor = TimeSpan.FromMinutes(10);

    /// <summary>The reading statement's snapshot, taken before the inputs are read.</summary>
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

    /// <summary>Inputs read after <paramref name="Snapshot"/> was taken at <paramref name="ReadAt"/>.</summary>
    public sealed record Kept(string Snapshot, IReadOnlyList<DoiRepoInputs> Inputs, DateTimeOffset ReadAt);

    /// <summary>When a read starts: kept inputs age from before their snapshot was taken.</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The inputs kept for this shape, unless they are older than <see cref="MaxAge"/> (then they are let go).</summary>
    public Kept? Get(bool withCriteria)
    {
        var slot = Slot(withCriteria);
        var kept = Volatile.Read(ref _kept[slot]);
        if (kept is null || clock.GetUtcNow() - kept.ReadAt < MaxAge)
            return kept;
        Interlocked.CompareExchange(ref _kept[slot], null, kept);
        return null;
    }

    public void Keep(bool withCriteria, string snapshot, IReadOnlyList<DoiRepoInputs> inputs, DateTimeOffset readAt) =>
        Volatile.Write(ref _kept[Slot(withCriteria)], new Kept(snapshot, inputs, readAt));

    private static int Slot(bool withCriteria) => withCriteria ? 1 : 0;
}
