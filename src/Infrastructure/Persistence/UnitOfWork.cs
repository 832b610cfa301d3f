using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Domain.Common;
using StateHub.Infrastructure.Webhooks;

namespace StateHub.Infrastructure.Persistence;

internal sealed class UnitOfWork(StateHubDbContext db, WebhookOutbox outbox, WebhookWakeUp wakeUp) : IUnitOfWork
{
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        // The outbox's events and deliveries join this save, so they commit with the change.
        await outbox.FlushAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg)
        {
            throw new UniqueConstraintException(UniqueConstraintMessages.Describe(pg.ConstraintName), pg.ConstraintName);
        }
    }

    public async Task<T> ExecuteInTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
            return await work(cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work(cancellationToken);
        await SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (outbox.QueuedDeliveries)
        {
            outbox.QueuedDeliveries = false;
            wakeUp.Signal();
        }

        return result;
    }

    public async Task<DateTimeOffset?> LockRowAsync(Entity entity, CancellationToken cancellationToken)
    {
        var type = db.Model.FindEntityType(entity.GetType())
            ?? throw new InvalidOperationException($"{entity.GetType().Name} is not an entity of the model.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var id = type.FindProperty(nameof(Entity.Id))!.GetColumnName(table)!;
        var updatedAt = type.FindProperty(nameof(Entity.UpdatedAt))!.GetColumnName(table)!;
        var tableName = table.Schema is null ? Quote(table.Name) : $"{Quote(table.Schema)}.{Quote(table.Name)}";

        // Identifiers come from the EF model, never from input; the id is a parameter.
        var sql = $"SELECT {Quote(updatedAt)} AS \"Value\" FROM {tableName} WHERE {Quote(id)} = {{0}} FOR UPDATE";
        var rows = await db.Database.SqlQueryRaw<DateTimeOffset>(sql, entity.Id).ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
