using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Robustness;

/// <summary>
/// Walks the committed OpenAPI document and sends every operation hostile values in every path
/// parameter, query parameter, body field, charset, content type, If-Match and, where declared, Idempotency-Key (§15): no answer may
/// be a 5xx, every 4xx is a problem with a detail, and the seeded data reads back unchanged.
/// Fixed seed by default; <c>STATEHUB_HOSTILE_SEED=random</c> (or a number) varies it.
/// </summary>
public sealed class OpenApiHostileInputTests : FunctionalTestBase
{
    private static readonly string[] HostileStrings =
    [
        string.Empty, " ", "null", "0", "-1", "99999999999999999999999", "1e309", "NaN", "true",
        "\u0001\u001f", "a\u0000b", "\ud800", "\udc00x", new string('x', 70_000), "../../etc/passwd", "%00", "'; DROP TABLE domains; --",
        "00000000-0000-0000-0000-000000000000", "not-a-uuid", "2026-13-45", "2026-02-30T25:61:00Z", "\u202e\u200b", "😀", "[", "{", "a[=1", "by-id",
    ];

    private static readonly string[] HostileJsonValues =
    [
        "null", "true", "0", "-1", "1.5", "1e309", "-99999999999999999999999999", "\"\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\u0000\"",
        "\"2026-13-45\"", "\"not-a-uuid\"", "[]", "{}", "[[[[[[[[[[]]]]]]]]]]", "\"" + new string('x', 70_000) + "\"",
        "[" + string.Join(",", Enumerable.Repeat("1", 20_000)) + "]",
        string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40),
        string.Concat(Enumerable.Repeat("[", 70)) + new string(']', 70),
    ];

    private static readonly string[] ContentTypes =
    [
        "application/json; charset=utf-16", "application/json; charset=latin1", "application/json; charset=nope", "text/plain",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/json; charset=utf-32",
        "application/json; charset=",
    ];

    private static readonly string[] IfMatches = ["\"1\"", "W/\"1\"", "*", "garbage", "\"", "\"\\u0000\"", new string('"', 300)];

    /// <summary>Idempotency-Key values (sent where the document declares it): empty, blank, spaced, too long, odd but valid.</summary>
    private static readonly string[] IdempotencyKeys = ["", " ", "two words", new string('k', 256), "\"quoted\"", "{[<%00>]}", "ÿ"];

    private int _sent;
    private int _specifiedUnavailable;
    private readonly List<string> _failures = [];

    [Test]
    public async Task EveryOperation_HostileInputs_NoServerErrorAndEvery4xxIsAProblemWithADetail()
    {
        var seedSetting = Environment.GetEnvironmentVariable("STATEHUB_HOSTILE_SEED");
        var seed = seedSetting == "random" ? Environment.TickCount : int.TryParse(seedSetting, out var s) ? s : 1717;
        var random = new Random(seed);

        await CreateDomainAsync();
        await RegisterRepoAsync("alpha");
        // "alpha" is the repo the walk addresses: a hostile-looking value can be a valid one (a
        // PATCH naming it "not-a-uuid"), so it may change. "bystander" is never addressed.
        await RegisterRepoAsync("bystander");
        var snapshotBefore = await SnapshotAsync();
        var document = JsonNode.Parse(await File.ReadAllTextAsync(FindDocument()))!;
        var paths = document["paths"]!.AsObject();

        var started = DateTime.UtcNow;
        foreach (var (template, item) in paths)
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is not ("get" or "post" or "put" or "patch" or "delete"))
                    continue;
                await HammerAsync(new HttpMethod(method.ToUpperInvariant()), template, operation!, document, random);
            }
        }

        TestContext.Out.WriteLine($"seed {seed}: {_sent} requests, {_failures.Count} failures, {_specifiedUnavailable} specified 503s (no readable repo path), {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        foreach (var failure in _failures)
            TestContext.Out.WriteLine(failure);
        Assert.That(_failures, Is.Empty, string.Join("\n", _failures.Take(20)));
        Assert.That(_sent, Is.GreaterThan(2000));
        Assert.That(await SnapshotAsync(), Is.EqualTo(snapshotBefore), "data no request addressed reads back unchanged");
    }

    private async Task<string> SnapshotAsync() =>
        (await GetOkAsync("/domains/platform")).ToJsonString() + (await GetOkAsync("/repos/bystander")).ToJsonString();

    private static string FindDocument()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "WebApi", "openapi", "statehub.v1.json");
            if (File.Exists(candidate))
                return candidate;
        }

        throw new FileNotFoundException("statehub.v1.json");
    }

    private async Task HammerAsync(HttpMethod method, string template, JsonNode operation, JsonNode document, Random random)
    {
        var parameters = operation["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
        var pathParams = parameters.Where(p => p["in"]?.GetValue<string>() == "path").Select(p => p["name"]!.GetValue<string>()).ToList();
        var queryParams = parameters.Where(p => p["in"]?.GetValue<string>() == "query").Select(p => p["name"]!.GetValue<string>()).ToList();
        var bodySchema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
        var fields = Properties(bodySchema, document);

        string Url(IReadOnlyDictionary<string, string>? path = null, string? query = null)
        {
            var url = template;
            foreach (var name in pathParams)
                url = url.Replace("{" + name + "}", Uri.EscapeDataString(path?.GetValueOrDefault(name) ?? (name == "slug" ? "alpha" : Guid.NewGuid().ToString())));
            return query is null ? url : url + "?" + query;
        }

        string ValidBody() => "{" + string.Join(",", fields.Take(2).Select(f => $"\"{f}\":\"x\"")) + "}";

        // Path parameters.
        foreach (var name in pathParams)
            foreach (var value in HostileStrings.Take(12).Where(v => !v.Contains('\0')).Concat(["%2e%2e", "a/b", "..", "%ZZ"]))
                await SendAsync(method, Url(new Dictionary<string, string> { [name] = value }).Replace("%25ZZ", "%ZZ"), bodySchema is null ? null : ValidBody());

        // Query parameters, known and unknown.
        foreach (var name in queryParams.Append("unknown_param"))
            foreach (var value in HostileStrings)
                await SendAsync(method, Url(query: $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value.Length > 2000 ? value[..2000] : value)}"), bodySchema is null ? null : ValidBody());

        if (method == HttpMethod.Get || method == HttpMethod.Delete)
        {
            await SendAsync(method, Url(), "[", "application/x-www-form-urlencoded");
            return;
        }

        // Body: every field gets every hostile JSON value, then random combinations.
        foreach (var field in fields)
            foreach (var value in HostileJsonValues)
                await SendAsync(method, Url(), $"{{\"{field}\":{value}}}");
        for (var i = 0; i < 40; i++)
        {
            var picked = fields.Where(_ => random.Next(2) == 0).Select(f => $"\"{f}\":{HostileJsonValues[random.Next(HostileJsonValues.Length)]}");
            await SendAsync(method, Url(), "{" + string.Join(",", picked) + "}");
        }

        foreach (var whole in HostileJsonValues.Concat(["", "{", "{\"a\":}", "{\"\\ud800\":1}", "{\"" + "\\u0000" + "\":1}"]))
            await SendAsync(method, Url(), whole);

        // Raw bytes: invalid UTF-8 in keys and values, odd charsets and content types.
        foreach (var raw in new[] { "{\"\xff\":1}", "{\"a\":\"\x80\"}", "{\"kind\":\"k\",\"summary\":\"s\",\"data\":{\"a\":\"\xc3\"}}", "\xfe\xff\x00{" })
            await SendAsync(method, Url(), null, "application/json", Encoding.Latin1.GetBytes(raw));
        foreach (var contentType in ContentTypes)
        {
            await SendAsync(method, Url(), ValidBody(), contentType);
            await SendAsync(method, Url(), null, contentType, [0x7b, 0x22, 0x61]);
        }

        foreach (var ifMatch in IfMatches)
            await SendAsync(method, Url(), ValidBody(), ifMatch: ifMatch);

        var headers = parameters.Where(p => p["in"]?.GetValue<string>() == "header").Select(p => p["name"]!.GetValue<string>()).ToList();
        if (headers.Contains("Idempotency-Key"))
        {
            foreach (var key in IdempotencyKeys)
                await SendAsync(method, Url(), ValidBody(), idempotencyKeys: [key]);
            await SendAsync(method, Url(), ValidBody(), idempotencyKeys: ["one", "two"]);
            // The same valid key twice with different bodies: the second is the stored answer or a 422, never a 5xx.
            var reused = $"hostile-{random.Next()}";
            await SendAsync(method, Url(), ValidBody(), idempotencyKeys: [reused]);
            await SendAsync(method, Url(), "{}", idempotencyKeys: [reused]);
        }
    }

    private static List<string> Properties(JsonNode? schema, JsonNode document)
    {
        for (var depth = 0; schema is not null && depth < 5; depth++)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference)
                schema = document[reference.Split('/')[1]]?[reference.Split('/')[2]]?[reference.Split('/')[3]];
            else if ((schema["allOf"] ?? schema["oneOf"] ?? schema["anyOf"]) is { } parts)
                schema = parts.AsArray().FirstOrDefault(p => p?["$ref"] is not null || p?["properties"] is not null);
            else
                break;
        }

        return schema?["properties"]?.AsObject().Select(p => p.Key).ToList() ?? [];
    }

    private async Task SendAsync(HttpMethod method, string url, string? json, string contentType = "application/json", byte[]? raw = null, string? ifMatch = null, string[]? idempotencyKeys = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null || raw is not null)
        {
            request.Content = new ByteArrayContent(raw ?? Encoding.UTF8.GetBytes(json!));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (idempotencyKeys is not null)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKeys);

        _sent++;
        HttpResponseMessage response;
        try
        {
            response = await Client.SendAsync(request);
        }
        catch (Exception ex)
        {
            _failures.Add($"{method} {url}: the connection failed ({ex.GetType().Name}: {ex.Message})");
            return;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (status == 503 && IsSpecifiedUnavailable(response, text))
            {
                // §1: 503 is the specified answer when a dependency is missing (a sync with no
                // readable repo path on this host); it must still be a problem with a detail and
                // a Retry-After. Counted, not a failure.
                _specifiedUnavailable++;
            }
            else if (status >= 500)
            {
                _failures.Add($"{method} {url} [{contentType}] body {Short(json)} → {status}: {Short(text)}");
            }
            else if (status >= 400)
            {
                string? detail = null;
                try
                {
                    detail = JsonNode.Parse(text)?["detail"]?.GetValue<string>();
                }
                catch (System.Text.Json.JsonException)
                {
                }

                if (string.IsNullOrWhiteSpace(detail) || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    _failures.Add($"{method} {url} → {status} without a problem detail: {Short(text)}");
            }
        }
    }

    private static bool IsSpecifiedUnavailable(HttpResponseMessage response, string text)
    {
        try
        {
            return response.Headers.RetryAfter is not null
                && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                && JsonNode.Parse(text)?["detail"]?.GetValue<string>() is { } detail
                && detail.StartsWith("No accessible path for repo", StringComparison.Ordinal);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static string Short(string? text) => text is null ? "(none)" : text.Length > 200 ? text[..200] + "…" : text;
}
