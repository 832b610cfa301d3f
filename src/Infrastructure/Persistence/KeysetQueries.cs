using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Paging;
using StateHub.Domain.Common;

namespace StateHub.Infrastructure.Persistence;

/// <summary>Keyset pagination of newest-first lists (created_at desc, id desc) as one SQL row comparison.</summary>
internal static class KeysetQueries
{
    /// <summary>The rows that come after <paramref name="after"/> in newest-first order: <c>(created_at, id) &lt; (@at, @id)</c>.</summary>
    public static IQueryable<T> Before<T>(this IQueryable<T> query, Keyset? after)
        where T : Entity
    {
        if (after is null)
            return query;
        var (at, id) = (after.At, after.Id);
        return query.Where(e => EF.Functions.LessThan(ValueTuple.Create(e.CreatedAt, e.Id), ValueTuple.Create(at, id)));
    }
}
