namespace StateHub.Client;

/// <summary>
/// The <c>ETag</c> State Hub sends for a resource, computed from the <c>UpdatedAt</c> the client
/// already holds (the service derives it the same way: Unix microseconds, quoted), so a change can
/// be made conditional without reading response headers:
/// <code>await api.Repos.UpdateRepoAsync(repo.Slug, command, ifMatch: StateHubETag.Of(repo.UpdatedAt));</code>
/// A 409 then means someone changed the resource since it was read: read it again and retry.
/// </summary>
public static class StateHubETag
{
    public static string Of(DateTimeOffset updatedAt)
    {
        var microseconds = (updatedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
        return "\"" + microseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";
    }
}
