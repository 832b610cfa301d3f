using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Paging;
using StateHub.Domain.Inbox;

namespace StateHub.Infrastructure.Persistence.Repositories;

internal sealed class InboxRepository(StateHubDbContext db) : IInboxRepository
{
    public void Add(InboxMessage message) => db.InboxMessages.Add(message);

    public async Task<InboxMessage?> GetForUpdateAsync(Guid id, CancellationToken cancellationToken)
    {
        var rows = await db.InboxMessages
            .FromSql($"SELECT * FROM inbox_messages WHERE id = {id} FOR UPDATE")
            .ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }

    public async Task<IReadOnlyList<InboxMessage>> ListAsync(Guid repoId, bool? unread, CancellationToken cancellationToken, Keyset? after = null, int? limit = null)
    {
        var query = db.InboxMessages.AsNoTracking().Where(m => m.RepoId == repoId);
        if (unread == true)
            query = query.Where(m => m.ReadAt == null);
        else if (unread == false)
            query = query.Where(m => m.ReadAt != null);
        query = query.Before(after).OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id);
        return await (limit is { } take ? query.Take(take) : query).ToListAsync(cancellationToken);
    }
}
