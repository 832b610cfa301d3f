using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using StateHub.Application.Common.Abstractions;

namespace StateHub.WebApi.FunctionalTests.Mcp;

/// <summary>The MCP endpoint itself: the tool list and its schemas, the Origin check, errors that are not the caller's.</summary>
public sealed class McpEndpointTests : McpTestBase
{
    /// <summary>Set to 1 to rewrite the committed snapshot from the running server instead of comparing with it.</summary>
    public const string UpdateSnapshotVariable = "STATEHUB_UPDATE_MCP_SNAPSHOT";

    private const string InitializeRequest =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1.0"}}}""";

    [Test]
    public async Task ListTools_Always_MatchesCommittedSnapshot()
    {
        var tools = await Mcp.ListToolsAsync();
        var actual = new JsonArray(tools
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (JsonNode)new JsonObject
            {
                ["name"] = t.Name,
                ["title"] = t.ProtocolTool.Title,
                ["description"] = t.Description,
                ["input_schema"] = JsonNode.Parse(t.ProtocolTool.InputSchema.GetRawText()),
                ["annotations"] = t.ProtocolTool.Annotations is null ? null : JsonSerializer.SerializeToNode(t.ProtocolTool.Annotations),
            })
            .ToArray());
        var actualText = actual.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

        var path = SnapshotPath();
        if (Environment.GetEnvironmentVariable(UpdateSnapshotVariable) == "1")
        {
            // Rewrite, then fall through: the comparison below still proves the file round-trips.
            await File.WriteAllTextAsync(path, actualText);
            await TestContext.Progress.WriteLineAsync($"Snapshot rewritten: {path}");
        }

        Assert.That(File.Exists(path), Is.True, $"No snapshot at {path}; run the tests with {UpdateSnapshotVariable}=1 to write it.");
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        Assert.That(JsonNode.DeepEquals(expected, actual), Is.True,
            $"The tools differ from the committed snapshot {path}. If the change is intended, run the tests with "
            + $"{UpdateSnapshotVariable}=1 and commit the new snapshot.\nActual:\n{actualText}");
    }

    [Test]
    public async Task ListTools_EveryTool_HasDescriptionsForItsArguments()
    {
        var tools = await Mcp.ListToolsAsync();
        Assert.That(tools, Is.Not.Empty);
        foreach (var tool in tools)
        {
            Assert.That(tool.Name, Does.Match("^[a-z][a-z_]*$"), "tool names are snake_case");
            Assert.That(tool.Description, Is.Not.Null.And.Length.GreaterThan(40), tool.Name);
            var properties = tool.ProtocolTool.InputSchema.GetProperty("properties");
            foreach (var argument in properties.EnumerateObject())
            {
                Assert.That(argument.Name, Does.Match("^[a-z][a-z0-9_]*$"), $"{tool.Name}.{argument.Name} is snake_case");
                Assert.That(argument.Value.TryGetProperty("description", out var description) && description.GetString()!.Length > 10,
                    Is.True, $"{tool.Name}.{argument.Name} has a description");
            }
        }
    }

    [Test]
    public async Task CallTool_UnknownTool_IsProtocolError()
    {
        var error = Assert.ThrowsAsync<McpProtocolException>(() => CallAsync("no_such_tool"));
        Assert.That(error!.Message, Does.Contain("no_such_tool"));
        // The endpoint still answers afterwards.
        Assert.That(await Mcp.ListToolsAsync(), Is.Not.Empty);
    }

    [TestCase("\"no_such_tool\"", "Unknown tool: 'no_such_tool'")]
    [TestCase("null", "Invalid params: params.name must be the name of a tool (a string), not null.")]
    public async Task CallTool_UnknownTool_IsInvalidParams_AndNoServerFailureIsLogged(string name, string message)
    {
        var logs = new Platform.DatabaseDownTests.CollectingLoggerProvider();
        await using var logged = Factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));
        using var client = logged.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":""" + name + ""","arguments":{}}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var answer = AnswerOf(text);

        Assert.That(answer["error"]?["code"]?.GetValue<int>(), Is.EqualTo(-32602), text);
        Assert.That(answer["error"]!["message"]!.GetValue<string>(), Is.EqualTo(message));
        Assert.That(logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message}"), Is.Empty,
            "a caller's unknown tool is not a server failure");
    }

    [Test]
    public async Task CallTool_ParamsNameGivenTwice_AfterAByteOrderMark_IsInvalidParams()
    {
        var message = """{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"list_repos","name":"get_dispatch","arguments":{}}}""";
        using var response = await PostRawAsync([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(message)]);
        var text = await response.Content.ReadAsStringAsync();
        var answer = AnswerOf(text);

        Assert.That(answer["error"]?["code"]?.GetValue<int>(), Is.EqualTo(-32602), text);
        Assert.That(answer["id"]!.GetValue<int>(), Is.EqualTo(8));
    }

    [Test]
    public async Task Notification_ParamsNameGivenTwice_GetsNoJsonRpcAnswer()
    {
        using var response = await PostRawAsync(Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","method":"notifications/initialized","params":{"a":1,"a":2}}"""));
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(text, Does.Not.Contain("-32602"), "a notification is not answered with an error");
        Assert.That((int)response.StatusCode, Is.LessThan(500), text);
    }

    [Test]
    public async Task Post_ForeignOrigin_Returns403ProblemWithDetail()
    {
        using var request = RawInitialize("https://evil.example");
        using var response = await Client.SendAsync(request);
        var problem = await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("https://evil.example").And.Contain("Mcp:AllowedOrigins"));
    }

    [TestCase("null")]
    [TestCase("http://localhost.evil.example:8000")]
    [TestCase("http://127.0.0.1.nip.io")]
    public async Task Post_OriginThatOnlyLooksLocal_Returns403(string origin)
    {
        using var request = RawInitialize(origin);
        using var response = await Client.SendAsync(request);
        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [TestCase("http://localhost:6274")]
    [TestCase("http://127.0.0.1:8000")]
    [TestCase("http://[::1]:3000")]
    public async Task Post_LoopbackOrigin_IsServed(string origin)
    {
        using var request = RawInitialize(origin);
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(text, Does.Contain("\"serverInfo\"").And.Contain("state-hub"));
    }

    [Test]
    public async Task Client_ForeignOrigin_CannotConnect()
    {
        await using var transport = Transport(Client, new Dictionary<string, string> { ["Origin"] = "https://evil.example" });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var error = Assert.CatchAsync(async () => await McpClient.CreateAsync(transport, cancellationToken: timeout.Token));
        Assert.That(error!.ToString(), Does.Contain("403"));
    }

    [Test]
    public async Task Post_ConfiguredOrigins_ReplaceLoopbackDefaults()
    {
        await using var factory = Factory.WithWebHostBuilder(builder =>
            builder.UseSetting("Mcp:AllowedOrigins:0", "https://agents.example.com"));
        using var client = factory.CreateClient();

        using (var allowed = RawInitialize("https://agents.example.com"))
        using (var response = await client.SendAsync(allowed))
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using (var loopback = RawInitialize("http://localhost:6274"))
        using (var response = await client.SendAsync(loopback))
            await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Start_AllowedOriginThatIsNoOrigin_RefusesToStart()
    {
        await using var factory = Factory.WithWebHostBuilder(builder => builder.UseSetting("Mcp:AllowedOrigins:0", "*"));

        // The line it prints is checked on the real process (AppProcessTests): in memory, the
        // entry point reports it and returns 1, and the factory only sees that no host was built.
        Assert.Catch(() => factory.CreateClient());
    }

    [Test]
    public async Task Post_McpDisabled_Returns404()
    {
        await using var factory = Factory.WithWebHostBuilder(builder => builder.UseSetting("Mcp:Enabled", "false"));
        using var client = factory.CreateClient();
        using var request = RawInitialize(origin: null);
        using var response = await client.SendAsync(request);
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task CallTool_UnexpectedFailure_IsErrorWithGenericMessageAndTraceId()
    {
        var result = await RegisterRepoOnAFailingRepositoryAsync(environment: null);

        var text = TextOf(result);
        Assert.That(result.IsError, Is.True, text);
        Assert.That(text, Does.StartWith("An unexpected error occurred.").And.Contain("trace_id: "));
        Assert.That(text, Does.Not.Contain("database exploded"), "internal messages stay in the log");
        var problem = JsonNode.Parse(result.StructuredContent!.Value.GetRawText())!;
        Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo(500));
        Assert.That(problem["trace_id"]!.GetValue<string>(), Is.Not.Empty);
    }

    [Test]
    public async Task CallTool_UnexpectedFailureInDevelopment_StillSaysNothingOfTheException()
    {
        var result = await RegisterRepoOnAFailingRepositoryAsync(environment: "Development");

        var text = TextOf(result);
        Assert.That(result.IsError, Is.True, text);
        Assert.That(text, Does.StartWith("An unexpected error occurred.").And.Contain("trace_id: "));
        Assert.That(text, Does.Not.Contain("database exploded").And.Not.Contain("Exception").And.Not.Contain("   at "));
        var problem = JsonNode.Parse(result.StructuredContent!.Value.GetRawText())!;
        Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo(500));
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo(text));
    }

    /// <summary>register_repo through MCP on a host whose domain repository throws ("database exploded").</summary>
    private async Task<CallToolResult> RegisterRepoOnAFailingRepositoryAsync(string? environment)
    {
        await using var factory = Factory.WithWebHostBuilder(builder =>
        {
            if (environment is not null)
                builder.UseEnvironment(environment);
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<IDomainRepository>();
                services.AddScoped(_ => FailingProxy<IDomainRepository>.Create());
            });
        });
        using var client = factory.CreateClient();
        await using var transport = Transport(client);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var mcp = await McpClient.CreateAsync(transport, cancellationToken: timeout.Token);
        return await mcp.CallToolAsync("register_repo",
            new Dictionary<string, object?> { ["domain_slug"] = "platform", ["slug"] = "repo-a", ["name"] = "A" },
            cancellationToken: timeout.Token);
    }

    [TestCase(null)]
    [TestCase("application/json; charset=")]
    [TestCase("application/json; charset=\"\"")]
    [TestCase("application/json;;")]
    [TestCase("application/json; charset=latin1")]
    [TestCase("application/json; charset=utf-16")]
    public async Task Post_NoJsonInUtf8ContentType_Returns415ProblemWithDetail(string? contentType)
    {
        using var response = await PostRawAsync(Encoding.UTF8.GetBytes(InitializeRequest), contentType);

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("application/json"));
    }

    [TestCase("application/json; charset=\"utf-8\"")]
    [TestCase("application/json; charset=UTF-8")]
    [TestCase("application/json")]
    public async Task Post_JsonInUtf8_IsServed(string contentType)
    {
        using var response = await PostRawAsync(Encoding.UTF8.GetBytes(InitializeRequest), contentType);

        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(text, Does.Contain("\"serverInfo\""));
    }

    [Test]
    public async Task Post_WithAUtf8ByteOrderMark_IsServed()
    {
        using var response = await PostRawAsync([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(InitializeRequest)]);

        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(text, Does.Contain("\"serverInfo\""));
    }

    /// <summary>JSON-RPC 2.0 §5.1: "Invalid JSON was received by the server" is -32700 Parse error.</summary>
    [TestCase("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":")]
    [TestCase("")]
    [TestCase("{} {}")]
    [TestCase("[1,]")]
    public async Task Post_MalformedJson_IsAJsonRpcParseError(string body)
    {
        using var response = await PostRawAsync(Encoding.UTF8.GetBytes(body));

        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        var error = JsonNode.Parse(text)!;
        Assert.That(error["jsonrpc"]!.GetValue<string>(), Is.EqualTo("2.0"));
        Assert.That(error["id"], Is.Null);
        Assert.That(error["error"]!["code"]!.GetValue<int>(), Is.EqualTo(-32700), text);
        Assert.That(error["error"]!["message"]!.GetValue<string>(), Does.StartWith("Parse error"));
    }

    [Test]
    public async Task Post_InvalidUtf8_Returns400ProblemAndStoresNothing()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("beta");
        // Latin-1 bytes: é and ÿ are single bytes that UTF-8 cannot read.
        var body = Encoding.Latin1.GetBytes(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"log_progress\",\"arguments\":{\"repo_slug\":\"beta\",\"kind\":\"note\",\"summary\":\"caf\u00e9 \u00ff\"}}}");

        using var response = await PostRawAsync(body);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("The request body is not valid UTF-8."));
        Assert.That((await GetOkAsync("/repos/beta/events")).AsArray(), Is.Empty);
    }

    [Test]
    public async Task Post_InitializeWithALoneSurrogate_Returns400Problem()
    {
        var body = InitializeRequest.Replace("\"raw\"", "\"\\ud800\"", StringComparison.Ordinal);

        using var response = await PostRawAsync(Encoding.UTF8.GetBytes(body));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("lone UTF-16 surrogate"));
    }

    [TestCase("""{"name":"list_repos","arguments":{},"_meta":{"progressToken":"\ud800"}}""", "params._meta.progressToken: Strings must be valid Unicode")]
    [TestCase("""{"name":"list_\ud800","arguments":{}}""", "params.name: Strings must be valid Unicode")]
    [TestCase("""{"name":5,"arguments":{}}""", "params.name does not fit tools/call")]
    [TestCase("\"list_repos\"", "tools/call takes its params as an object")]
    [TestCase("""{"name":"list_repos","name":"get_dispatch","arguments":{}}""", "params: Duplicate property: 'name' is given more than once")]
    [TestCase("""{"name":"list_repos","arguments":{},"\ud800":1}""", "params: Strings must be valid Unicode")]
    public async Task CallTool_ParamsThatCannotBeRead_IsInvalidParamsSayingWhat(string parameters, string message)
    {
        var answer = await RpcRawAsync($$"""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{{parameters}}}""");

        Assert.That(answer["error"]?["code"]?.GetValue<int>(), Is.EqualTo(-32602), answer.ToJsonString());
        Assert.That(answer["error"]!["message"]!.GetValue<string>(), Does.Contain(message));
        Assert.That(answer["id"]!.GetValue<int>(), Is.EqualTo(7));
    }

    private static HttpRequestMessage RawInitialize(string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent(InitializeRequest, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (origin is not null)
            request.Headers.TryAddWithoutValidation("Origin", origin);
        return request;
    }

    private static HttpClientTransport Transport(HttpClient client, Dictionary<string, string>? headers = null) =>
        new(new HttpClientTransportOptions
            {
                Endpoint = new Uri(client.BaseAddress!, "/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = headers,
            },
            client,
            NullLoggerFactory.Instance,
            ownsHttpClient: false);

    private static string SnapshotPath([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "mcp-tools.snapshot.json");

    /// <summary>An implementation of <typeparamref name="T"/> whose every member fails as a broken dependency would.</summary>
    public class FailingProxy<T> : DispatchProxy
        where T : class
    {
        public static T Create() => Create<T, FailingProxy<T>>();

        protected override object Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new InvalidOperationException("database exploded");
    }
}
