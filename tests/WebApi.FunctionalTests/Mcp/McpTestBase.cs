using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Mcp;

/// <summary>
/// Base of MCP tests: the SDK's own client over Streamable HTTP, talking to the in-memory host
/// through the factory's handler, so each call goes through the real MCP endpoint and pipeline.
/// </summary>
public abstract class McpTestBase : FunctionalTestBase
{
    protected McpClient Mcp { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task ConnectMcp()
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = new Uri(Client.BaseAddress!, "/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
                Name = "functional-tests",
            },
            Client,
            NullLoggerFactory.Instance,
            ownsHttpClient: false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Mcp = await McpClient.CreateAsync(transport, cancellationToken: timeout.Token);
    }

    [OneTimeTearDown]
    public async Task DisconnectMcp()
    {
        if (Mcp is not null)
            await Mcp.DisposeAsync();
    }

    /// <summary>Calls a tool with a bounded wait, so a hung call fails the test instead of the run.</summary>
    protected async Task<CallToolResult> CallAsync(string tool, object? arguments = null)
    {
        var args = arguments is null
            ? new Dictionary<string, object?>()
            : JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments))!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await Mcp.CallToolAsync(tool, args, cancellationToken: timeout.Token);
    }

    /// <summary>Calls a tool that must succeed, and returns its JSON result.</summary>
    protected async Task<JsonNode> CallOkAsync(string tool, object? arguments = null)
    {
        var result = await CallAsync(tool, arguments);
        var text = TextOf(result);
        Assert.That(result.IsError, Is.Not.True, $"{tool} failed: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Calls a list tool that must succeed, and returns the JSON array of its page.</summary>
    protected async Task<JsonArray> CallItemsAsync(string tool, object? arguments = null) =>
        (await CallPageAsync(tool, arguments))["items"]!.AsArray();

    /// <summary>
    /// Calls a list tool that must succeed: <c>items</c> is its content (a JSON array, as the HTTP
    /// body), <c>next_cursor</c> what its <c>_meta</c> says (which must say it, null or not).
    /// </summary>
    protected async Task<JsonObject> CallPageAsync(string tool, object? arguments = null)
    {
        var result = await CallAsync(tool, arguments);
        var text = TextOf(result);
        Assert.That(result.IsError, Is.Not.True, $"{tool} failed: {text}");
        Assert.That(result.Meta?.ContainsKey("next_cursor"), Is.True, $"{tool} always says _meta.next_cursor");
        return new JsonObject
        {
            ["items"] = JsonNode.Parse(text)!.AsArray(),
            ["next_cursor"] = result.Meta!["next_cursor"]?.DeepClone(),
        };
    }

    /// <summary>Calls a tool that must fail, asserts the problem it reports, and returns its detail.</summary>
    protected async Task<string> CallFailingAsync(string tool, object? arguments, int expectedStatus)
    {
        var result = await CallAsync(tool, arguments);
        var text = TextOf(result);
        Assert.That(result.IsError, Is.True, $"{tool} should have failed: {text}");
        Assert.That(text, Is.Not.Empty);
        var problem = JsonNode.Parse(result.StructuredContent!.Value.GetRawText())!;
        Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo(expectedStatus), problem.ToJsonString());
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo(text));
        return text;
    }

    /// <summary>The detail of the problem an HTTP request gets, for comparing with what the MCP twin reports.</summary>
    protected async Task<string> HttpProblemDetailAsync(HttpMethod method, string url, object? body, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : Json(body) };
        using var response = await Client.SendAsync(request);
        var problem = await AssertProblemAsync(response, status);
        return problem["detail"]!.GetValue<string>();
    }

    /// <summary>Posts <paramref name="body"/> to /mcp as it is, as a client that writes its own bytes would.</summary>
    protected async Task<HttpResponseMessage> PostRawAsync(byte[] body, string? contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new ByteArrayContent(body) };
        if (contentType is not null)
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await Client.SendAsync(request);
    }

    /// <summary>Posts one raw JSON-RPC message that must be answered in JSON-RPC, and returns the answer.</summary>
    protected async Task<JsonNode> RpcRawAsync(string message)
    {
        using var response = await PostRawAsync(Encoding.UTF8.GetBytes(message));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return AnswerOf(text);
    }

    /// <summary>The JSON-RPC answer in a response body: the data of a server-sent event, or the body itself.</summary>
    protected static JsonNode AnswerOf(string text) =>
        JsonNode.Parse(text.Split('\n').FirstOrDefault(line => line.StartsWith("data: ", StringComparison.Ordinal))?["data: ".Length..] ?? text)!;

    /// <summary>Calls <paramref name="tool"/> with raw JSON <paramref name="arguments"/> and returns the JSON-RPC answer.</summary>
    protected Task<JsonNode> CallRawAsync(string tool, string arguments) =>
        RpcRawAsync($$$"""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"{{{tool}}}","arguments":{{{arguments}}}}}""");

    /// <summary>Asserts that a raw call's answer is an isError tool result with <paramref name="status"/>, and returns its problem.</summary>
    protected static JsonNode AssertToolProblem(JsonNode answer, int status)
    {
        var result = answer["result"];
        Assert.That(result?["isError"]?.GetValue<bool>(), Is.True, answer.ToJsonString());
        var problem = result!["structuredContent"]!;
        Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo(status), answer.ToJsonString());
        Assert.That(result["content"]![0]!["text"]!.GetValue<string>(), Is.EqualTo(problem["detail"]!.GetValue<string>()));
        return problem;
    }

    protected static string TextOf(CallToolResult result) =>
        string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));
}
