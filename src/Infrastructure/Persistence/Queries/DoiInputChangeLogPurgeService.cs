using Microsoft.Extensions.Logging;
using Npgsql;

namespace StateHub.Infrastructure.Persistence.Queries;

/// <summary>
/// Deletes the DoI input change log's rows older than <see cref="DoiInputChangeLog.RetainFor"/>
/// (see <see cref="BatchPurgeService"/>).
/// </summary>
public sealed class DoiInputChangeLogPurgeService(DatabaseConnection database, TimeProvider clock, ILogger<DoiInputChangeLogPurgeService> logger)
    : BatchPurgeService(clock, logger)
{
    protected override string Subject => "the DoI input change log";

    protected override Task<int> PurgeBatchAsync(int batchSize, CancellationToken cancellationToken) =>
        PurgeAsync(database, batchSize, cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> rows older than <see cref="DoiInputChangeLog.RetainFor"/> (by the database's clock); returns how many.</summary>
    public static async Task<int> PurgeAsync(DatabaseConnection database, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(await database.GetConnectionStringAsync(cancellationToken));
        await connection.OpenAsync(cancellationToken);
        await using var delete = new NpgsqlCommand(
            "DELETE FROM doi_input_changes WHERE xid IN (SELECT xid FROM doi_input_changes WHERE changed_at < clock_timestamp() - @retain " +
            "ORDER BY changed_at LIMIT @batch FOR UPDATE SKIP LOCKED)", connection);
        delete.Parameters.AddWithValue("retain", DoiInputChangeLog.RetainFor);
        delete.Parameters.AddWithValue("batch", batchSize);
        return await delete.ExecuteNonQueryAsync(cancellationToken);
    }
}
