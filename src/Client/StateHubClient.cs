namespace StateHub.Client;

public partial class StateHubClient
{
    /// <summary>A client for the State Hub at <paramref name="baseAddress"/> (e.g. <c>http://127.0.0.1:8000/</c>), over a new HttpClient.</summary>
    public StateHubClient(Uri baseAddress)
        : this(new HttpClient { BaseAddress = WithTrailingSlash(baseAddress) })
    {
    }

    /// <summary>
    /// Generated paths are relative (<c>repos/by-fingerprint</c>), so a base address with a path
    /// must end with a slash or its last segment would be replaced.
    /// </summary>
    private static Uri WithTrailingSlash(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        return baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
    }
}
