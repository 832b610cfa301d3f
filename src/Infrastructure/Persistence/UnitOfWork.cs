using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Events;
using StateHub.Domain.Common;
using StateHub.Infrastructure.Webhooks;

namespace StateHub.Infrastructure.Persistence;

/// <summary>
/// The one owner of a write. Saving dispatches the domain events the tracked entities raised (their
/// handlers may add entities that raise events in turn), stamps created_at/updated_at (the DbContext
/// does, from the clock), saves, and turns provider errors into Application exceptions.
/// </summary>
internal sealed class UnitOfWork(StateHubDbContext db, IDomainEventDispatcher events, IPersistenceExceptionTranslator errors, WebhookOutbox outbox, WebhookWakeUp wakeUp) : IUnitOfWork
{
    /// <summary>Events raised by events raised by events…: a cycle is a bug, not a workload.</summary>
    private const int MaxEventRounds = 10;

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        await DispatchDomainEventsAsync(cancellationToken);
        // After every domain-event handler has run (so events raised by handlers, e.g. inbox
        // messages, are queued too): the outbox's events and deliveries join this save.
        await outbox.FlushAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (errors.Translate(ex) is var translated && !ReferenceEquals(translated, ex))
        {
            throw translated;
        }
    }

    private async Task DispatchDomainEventsAsync(CancellationToken cancellationToken)
    {
        for (var round = 0; ; round++)
        {
            var raised = db.ChangeTracker.Entries<Entity>().SelectMany(e => e.Entity.TakeDomainEvents()).ToList();
            if (raised.Count == 0)
                return;
            if (round == MaxEventRounds)
                throw new InvalidOperationException($"Domain events kept raising domain events for {MaxEventRounds} rounds: {string.Join(", ", raised.Select(e => e.GetType().Name))}.");
            foreach (var domainEvent in raised)
                await events.DispatchAsync(domainEvent, cancellationToken);
        }
    }

    public async Task<T> ExecuteInTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
            return await work(cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work(cancellationToken);
        if (db.ChangeTracker.HasChanges())
            throw new InvalidOperationException("A command changed entities after the unit of work saved; a command handler must implement ICommandHandler and leave saving to the pipeline.");
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

        // Identifiers come from the EF model, never from input; the id is a parameter. FOR NO KEY UPDATE:
        // it keeps out every other writer of the row, not inserts of rows that refer to it (their foreign
        // key's KEY SHARE), e.g. deliveries queued for a webhook subscription being edited.
        var sql = $"SELECT {Quote(updatedAt)} AS \"Value\" FROM {tableName} WHERE {Quote(id)} = {{0}} FOR NO KEY UPDATE";
        var rows = await db.Database.SqlQueryRaw<DateTimeOffset>(sql, entity.Id).ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
