using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StateHub.Application.Common.Abstractions;

namespace StateHub.Infrastructure.Persistence.Idempotency;

/// <summary>
/// Idempotency keys in PostgreSQL. The primary key (scope, key) makes the claim atomic across
/// nodes: of two requests with one key exactly one INSERT succeeds. Each statement commits on its
/// own, outside the request's transaction, so a claim is visible at once to every other node.
/// </summary>
internal sealed class IdempotencyStore(DatabaseConnection database) : IIdempotencyStore
{
    /// <summary>A claim whose request never finished (its node died) is given up after this long.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(5);

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(await database.GetConnectionStringAsync(cancellationToken));
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string requestHash, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using (var clear = new NpgsqlCommand(
            "DELETE FROM idempotency_keys WHERE scope = @scope AND key = @key AND (expires_at <= @now OR (status IS NULL AND created_at < @abandoned))", connection))
        {
            clear.Parameters.AddWithValue("scope", scope);
            clear.Parameters.AddWithValue("key", key);
            clear.Parameters.AddWithValue("now", now);
            clear.Parameters.AddWithValue("abandoned", now - AbandonedAfter);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = new NpgsqlCommand(
            "INSERT INTO idempotency_keys (scope, key, request_hash, created_at, expires_at) VALUES (@scope, @key, @hash, @now, @expires) ON CONFLICT DO NOTHING", connection))
        {
            insert.Parameters.AddWithValue("scope", scope);
            insert.Parameters.AddWithValue("key", key);
            insert.Parameters.AddWithValue("hash", requestHash);
            insert.Parameters.AddWithValue("now", now);
            insert.Parameters.AddWithValue("expires", expiresAt);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
                return new IdempotencyClaim(IdempotencyOutcome.Claimed);
        }

        await using var select = new NpgsqlCommand("SELECT request_hash, status, headers::text, body FROM idempotency_keys WHERE scope = @scope AND key = @key", connection);
        select.Parameters.AddWithValue("scope", scope);
        select.Parameters.AddWithValue("key", key);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return new IdempotencyClaim(IdempotencyOutcome.Running); // released between our INSERT and SELECT: the holder failed; the client retries
        if (reader.GetString(0) != requestHash)
            return new IdempotencyClaim(IdempotencyOutcome.Mismatch);
        if (reader.IsDBNull(1))
            return new IdempotencyClaim(IdempotencyOutcome.Running);
        var headers = reader.IsDBNull(2) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(2))!;
        var body = reader.IsDBNull(3) ? [] : (byte[])reader.GetValue(3);
        return new IdempotencyClaim(IdempotencyOutcome.Replay, new StoredResponse(reader.GetInt32(1), headers, body));
    }

    public async Task CompleteAsync(string scope, string key, StoredResponse response, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var update = new NpgsqlCommand(
            "UPDATE idempotency_keys SET status = @status, headers = @headers::jsonb, body = @body WHERE scope = @scope AND key = @key", connection);
        update.Parameters.AddWithValue("scope", scope);
        update.Parameters.AddWithValue("key", key);
        update.Parameters.AddWithValue("status", response.Status);
        update.Parameters.AddWithValue("headers", JsonSerializer.Serialize(response.Headers));
        update.Parameters.AddWithValue("body", response.Body);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var delete = new NpgsqlCommand("DELETE FROM idempotency_keys WHERE scope = @scope AND key = @key AND status IS NULL", connection);
        delete.Parameters.AddWithValue("scope", scope);
        delete.Parameters.AddWithValue("key", key);
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One batch: rows another node is deleting right now are skipped (FOR UPDATE SKIP LOCKED), so nodes never wait on each other.</summary>
    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var delete = new NpgsqlCommand(
            "DELETE FROM idempotency_keys WHERE (scope, key) IN (SELECT scope, key FROM idempotency_keys WHERE expires_at <= @now " +
            "ORDER BY expires_at LIMIT @batch FOR UPDATE SKIP LOCKED)", connection);
        delete.Parameters.AddWithValue("now", now);
        delete.Parameters.AddWithValue("batch", batchSize);
        return await delete.ExecuteNonQueryAsync(cancellationToken);
    }
}
