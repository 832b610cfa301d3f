namespace StateHub.Client;

/// <summary>
/// Disposable: a client built from a base address owns its HttpClient and disposes it; one built
/// over your HttpClient leaves it to you.
/// </summary>
public partial class StateHubClient : IDisposable
{
    private readonly bool _ownsHttpClient;

    /// <summary>A client for the State Hub at <paramref name="baseAddress"/> (e.g. <c>http://127.0.0.1:8000/</c>), over a new HttpClient it owns.</summary>
    public StateHubClient(Uri baseAddress)
        : this(new HttpClient { BaseAddress = WithTrailingSlash(baseAddress) })
    {
        _ownsHttpClient = true;
    }

    /// <summary>Disposes the HttpClient when this client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttpClient)
            HttpClient.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// A client for the State Hub at <paramref name="baseAddress"/> that sends <paramref name="apiKey"/>
    /// as <c>Authorization: Bearer</c> on every request (§10 access control).
    /// </summary>
    public StateHubClient(Uri baseAddress, string apiKey)
        : this(WithApiKey(new HttpClient { BaseAddress = WithTrailingSlash(baseAddress) }, apiKey))
    {
    }

    /// <summary>Makes <paramref name="httpClient"/> send <paramref name="apiKey"/> as <c>Authorization: Bearer</c>; returns it.</summary>
    public static HttpClient WithApiKey(HttpClient httpClient, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        httpClient.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        return httpClient;
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
