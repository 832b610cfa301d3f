namespace StateHub.Application.Common.Concurrency;

/// <summary>
/// The strong entity tag (RFC 9110 §8.8.3) of a resource: its <c>updated_at</c> as Unix
/// microseconds, quoted, e.g. <c>"1793610000000000"</c>. PostgreSQL keeps timestamps to the
/// microsecond, so the tag is taken from the microsecond-truncated value: the same whether the
/// entity was just saved or read back from the database. Persistence moves <c>updated_at</c>
/// forward by at least a microsecond on every change, so every change yields a new tag.
/// </summary>
public static class EntityTag
{
    public static string For(DateTimeOffset updatedAt)
    {
        var microseconds = (updatedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
        return "\"" + microseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";
    }
}
