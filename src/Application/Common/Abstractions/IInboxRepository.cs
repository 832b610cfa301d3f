using StateHub.Application.Common.Paging;
using StateHub.Domain.Inbox;

namespace StateHub.Application.Common.Abstractions;

/// <summary>Messages to repos' agents.</summary>
public interface IInboxRepository
{
    void Add(InboxMessage message);

    /// <summary>
    /// The message with this id, tracked, its row locked until the command's transaction ends: a
    /// concurrent caller waits and then sees the committed <c>read_at</c>.
    /// </summary>
    Task<InboxMessage?> GetForUpdateAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A repo's messages newest first: only unread ones when <paramref name="unread"/> is true, only read ones when false, all when null.</summary>
    Task<IReadOnlyList<InboxMessage>> ListAsync(Guid repoId, bool? unread, CancellationToken cancellationToken, Keyset? after = null, int? limit = null);
}
