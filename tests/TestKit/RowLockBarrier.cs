using Npgsql;

namespace StateHub.TestKit;

/// <summary>
/// A barrier for race tests: the test locks rows (<c>SELECT … FOR UPDATE</c>) in a transaction of
/// its own, starts the racing requests, waits until every one of them is blocked on that lock
/// inside its own transaction, and only then lets them go. The requests therefore really overlap
/// at the point where the service's lock or guarded statement must decide; without that lock
/// they would all have read the same state, and the test fails.
/// </summary>
public sealed class RowLockBarrier : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly string _connectionString;
    private bool _released;

    private RowLockBarrier(NpgsqlConnection connection, NpgsqlTransaction transaction, string connectionString)
    {
        _connection = connection;
        _transaction = transaction;
        _connectionString = connectionString;
    }

    /// <summary>Locks the row of <paramref name="table"/> with this id until <see cref="ReleaseAsync"/>.</summary>
    public static Task<RowLockBarrier> HoldRowAsync(string table, Guid id, string? connectionString = null) =>
        HoldAsync($"SELECT 1 FROM \"{table}\" WHERE id = @id FOR UPDATE", new Dictionary<string, object> { ["id"] = id }, connectionString);

    /// <summary>Runs <paramref name="lockingSql"/> (which must take the locks, e.g. <c>FOR UPDATE</c>) in a transaction kept open until <see cref="ReleaseAsync"/>.</summary>
    public static async Task<RowLockBarrier> HoldAsync(string lockingSql, IReadOnlyDictionary<string, object>? parameters = null, string? connectionString = null)
    {
        connectionString ??= TestDatabase.ConnectionString;
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(lockingSql, connection, transaction))
        {
            foreach (var (name, value) in parameters ?? new Dictionary<string, object>())
                command.Parameters.AddWithValue(name, value);
            var locked = 0;
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                    locked++;
            }

            if (locked == 0)
                throw new InvalidOperationException($"The barrier locked no row: {lockingSql}");
        }

        return new RowLockBarrier(connection, transaction, connectionString);
    }

    /// <summary>Waits until at least <paramref name="count"/> other sessions of the database wait on a lock.</summary>
    public Task WaitForWaitersAsync(int count, TimeSpan? timeout = null) => WaitForLockWaitersAsync(count, timeout, _connectionString);

    /// <summary>
    /// Waits until at least <paramref name="count"/> sessions of the database wait on a lock, whoever holds
    /// it (a request the test paused, e.g. with <see cref="StatementGate"/>).
    /// </summary>
    public static async Task WaitForLockWaitersAsync(int count, TimeSpan? timeout = null, string? connectionString = null)
    {
        await using var connection = new NpgsqlConnection(connectionString ?? TestDatabase.ConnectionString);
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()", connection);
            var waiting = (long)(await command.ExecuteScalarAsync())!;
            if (waiting >= count)
                return;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Only {waiting} of {count} requests reached the lock the test holds: the requests do not wait for it (is the lock or guarded statement gone?).");
            await Task.Delay(20);
        }
    }

    /// <summary>Lets the waiting requests go (commits the test's transaction, which changed nothing).</summary>
    public async Task ReleaseAsync()
    {
        if (_released)
            return;
        _released = true;
        await _transaction.CommitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_released)
        {
            _released = true;
            await _transaction.RollbackAsync();
        }

        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
