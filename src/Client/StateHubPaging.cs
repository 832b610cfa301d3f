using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StateHub.Client;

/// <summary>
/// Follows State Hub's pages (§15): a list answers with one page as its JSON array and, when more
/// follow, a <c>Link: &lt;url&gt;; rel="next"</c> header naming the next page. The generated methods
/// return one page (pass <c>limit</c> and <c>cursor</c> yourself); these walk them all:
/// <code>
/// await foreach (var e in hub.GetAllPagesAsync&lt;ProgressEventDto&gt;("repos/billing/events?limit=200"))
///     Console.WriteLine(e.Summary);
/// </code>
/// Each page is requested only when the previous one is used up. A next link on another origin than
/// the request's (e.g. behind a proxy that rewrites the host) is followed on the request's own
/// origin and path, with the link's query, so the API key never goes elsewhere. A response other
/// than 200 throws <see cref="StateHubApiException"/>, as the generated methods do.
/// </summary>
public static partial class StateHubPaging
{
    /// <summary>Every item of the list at <paramref name="firstPageUrl"/> (relative to the client's base address), page after page.</summary>
    public static IAsyncEnumerable<T> GetAllPagesAsync<T>(this StateHubClient client, string firstPageUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.HttpClient.GetAllPagesAsync<T>(firstPageUrl, cancellationToken);
    }

    /// <summary>Every item of the list at <paramref name="firstPageUrl"/> (relative to the HttpClient's base address), page after page.</summary>
    public static async IAsyncEnumerable<T> GetAllPagesAsync<T>(
        this HttpClient httpClient, string firstPageUrl, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in httpClient.GetPagesAsync<T>(firstPageUrl, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page)
                yield return item;
        }
    }

    /// <summary>The pages of the list at <paramref name="firstPageUrl"/>, each as it came, until one has no next link.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<T>> GetPagesAsync<T>(
        this HttpClient httpClient, string firstPageUrl, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentException.ThrowIfNullOrWhiteSpace(firstPageUrl);
        var options = StateHubJson.Configure(new JsonSerializerOptions());
        Uri? url = new(firstPageUrl, UriKind.RelativeOrAbsolute);
        while (url is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode != 200)
                throw new StateHubApiException($"HTTP {(int)response.StatusCode}.", (int)response.StatusCode, text, HeadersOf(response), null);

            IReadOnlyList<T> page;
            try
            {
                page = JsonSerializer.Deserialize<List<T>>(text, options)
                    ?? throw new StateHubApiException("The list was null, which was not expected.", 200, text, HeadersOf(response), null);
            }
            catch (JsonException ex)
            {
                throw new StateHubApiException("Could not deserialize the page: " + ex.Message, 200, text, HeadersOf(response), ex);
            }

            url = NextPage(response);
            yield return page;
        }
    }

    /// <summary>
    /// The URL of the page after <paramref name="response"/>'s (its <c>Link: &lt;…&gt;; rel="next"</c>), or null
    /// when it is the last; on the request's origin (see <see cref="StateHubPaging"/>).
    /// </summary>
    public static Uri? NextPage(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.Headers.TryGetValues("Link", out var values))
            return null;
        var target = values
            .SelectMany(v => LinkValue().Matches(v))
            .Where(m => m.Groups["params"].Value.Split(';').Any(p => IsRelNext(p.Trim())))
            .Select(m => m.Groups["url"].Value)
            .FirstOrDefault();
        if (target is null)
            return null;

        var requested = response.RequestMessage?.RequestUri;
        if (requested is null || !requested.IsAbsoluteUri)
            return new Uri(target, UriKind.RelativeOrAbsolute);
        var next = new Uri(requested, target);
        return Uri.Compare(next, requested, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0
            ? next
            : new UriBuilder(requested) { Query = next.Query.TrimStart('?') }.Uri;
    }

    private static bool IsRelNext(string parameter)
    {
        var parts = parameter.Split('=', 2);
        return parts.Length == 2
            && string.Equals(parts[0].Trim(), "rel", StringComparison.OrdinalIgnoreCase)
            && parts[1].Trim().Trim('"').Split(' ').Contains("next", StringComparer.OrdinalIgnoreCase);
    }

    private static Dictionary<string, IEnumerable<string>> HeadersOf(HttpResponseMessage response)
    {
        var headers = response.Headers.ToDictionary(h => h.Key, h => h.Value);
        foreach (var header in response.Content.Headers)
            headers[header.Key] = header.Value;
        return headers;
    }

    /// <summary>One link-value of a Link header: <c>&lt;url&gt;</c> and its parameters, up to the next comma outside quotes.</summary>
    [GeneratedRegex("<(?<url>[^>]*)>(?<params>(?:[^,\"]|\"[^\"]*\")*)")]
    private static partial Regex LinkValue();
}
