using System.Text.Json.Nodes;

namespace StateHub.WebApi.FunctionalTests.Mcp;

/// <summary>
/// Arguments that pass the schema bind: what would not (an integer out of its type's range or not
/// written as one, a lone surrogate, arguments that are not an object) is a 422 tool result naming
/// the argument, as the HTTP twin's 422 names the field, never a 500 or a bare JSON-RPC error.
/// </summary>
public sealed class McpArgumentBindingTests : McpTestBase
{
    private const string UnknownTask = "0192f6a4-6b1e-7c3d-9a4e-1f2b3c4d5e6f";

    [SetUp]
    public async Task Arrange()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("beta");
    }

    [TestCase("list_inbox", """{"repo_slug":"beta","limit":3000000000}""", "limit")]
    [TestCase("list_inbox", """{"repo_slug":"beta","limit":5.0}""", "limit")]
    [TestCase("list_inbox", """{"repo_slug":"beta","limit":1e20}""", "limit")]
    [TestCase("list_inbox", """{"repo_slug":"beta","limit":1E2}""", "limit")]
    [TestCase("create_goal", """{"repo_slug":"beta","title":"G","priority":1e2}""", "priority")]
    [TestCase("create_goal", """{"repo_slug":"beta","title":"G","priority":2147483648}""", "priority")]
    [TestCase("claim_task", """{"task_id":"0192f6a4-6b1e-7c3d-9a4e-1f2b3c4d5e6f","claimant":"a","ttl_seconds":-2147483649}""", "ttl_seconds")]
    [TestCase("renew_claim", """{"task_id":"0192f6a4-6b1e-7c3d-9a4e-1f2b3c4d5e6f","claim_token":99999999999999999999}""", "claim_token")]
    [TestCase("renew_claim", """{"task_id":"0192f6a4-6b1e-7c3d-9a4e-1f2b3c4d5e6f","claim_token":3.0}""", "claim_token")]
    public async Task CallTool_IntegerThatWouldNotBind_Is422NamingTheArgument(string tool, string arguments, string argument)
    {
        var problem = AssertToolProblem(await CallRawAsync(tool, arguments), 422);

        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { argument }), problem.ToJsonString());
        Assert.That(problem["detail"]!.GetValue<string>(), Does.StartWith($"{argument}: Must be an integer"));
        Assert.That((await GetOkAsync("/repos/beta/goals")).AsArray(), Is.Empty);
    }

    [Test]
    public async Task CallTool_ClaimTokenBeyondInt32_IsALongAndBinds()
    {
        // claim_token is a long: 2^31 passes the check and reaches the task, which does not exist.
        var problem = AssertToolProblem(await CallRawAsync("renew_claim", $$"""{"task_id":"{{UnknownTask}}","claim_token":2147483648}"""), 404);

        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(UnknownTask));
    }

    [TestCase("\"str\"", "a string")]
    [TestCase("123", "a number")]
    [TestCase("true", "a boolean")]
    [TestCase("[1]", "an array")]
    public async Task CallTool_ArgumentsThatAreNotAnObject_Is422(string arguments, string kind)
    {
        var problem = AssertToolProblem(await CallRawAsync("log_progress", arguments), 422);

        Assert.That(problem["errors"]!["arguments"]![0]!.GetValue<string>(), Does.StartWith("Must be an object").And.EndWith($"not {kind}."));
        Assert.That((await GetOkAsync("/repos/beta/events")).AsArray(), Is.Empty);
    }

    [TestCase("""{"repo_slug":"beta","kind":"note","summary":"\ud800"}""", "summary")]
    [TestCase("""{"repo_slug":"beta","kind":"note","summary":"s","data":{"notes":["ok","\udc00"]}}""", "data.notes[1]")]
    [TestCase("""{"repo_slug":"beta","kind":"note","summary":"s","data":{"\ud800":1}}""", "data")]
    [TestCase("""{"repo_slug":"beta","kind":"note","summary":"s","\ud800":1}""", "arguments")]
    public async Task CallTool_LoneSurrogateInAnArgument_Is422NamingItAndStoresNothing(string arguments, string argument)
    {
        var problem = AssertToolProblem(await CallRawAsync("log_progress", arguments), 422);

        Assert.That(problem["errors"]![argument]![0]!.GetValue<string>(), Does.Contain("lone UTF-16 surrogate"), problem.ToJsonString());
        Assert.That((await GetOkAsync("/repos/beta/events")).AsArray(), Is.Empty);
    }

    [Test]
    public async Task CallTool_LoneSurrogateInAList_IsAsOverHttp()
    {
        var problem = AssertToolProblem(await CallRawAsync("sync_repo", """{"repo_slug":"beta","files":[{"path":"workplans/a.md","content":"\ud800"}]}"""), 422);
        using var response = await Client.PostAsync("/repos/beta/sync", RawJson("""{"files":[{"path":"workplans/a.md","content":"\ud800"}]}"""));
        var http = await AssertProblemAsync(response, System.Net.HttpStatusCode.UnprocessableEntity);

        Assert.That(problem["errors"]!["files[0].content"]![0]!.GetValue<string>(), Is.EqualTo(http["errors"]!["body"]![0]!.GetValue<string>()));
    }

    [Test]
    public async Task ListTools_ReleaseTaskStatus_OffersOnlyWhatAReleaseTakes()
    {
        var tool = (await Mcp.ListToolsAsync()).Single(t => t.Name == "release_task");
        var offered = JsonNode.Parse(tool.ProtocolTool.InputSchema.GetRawText())!["properties"]!["status"]!["enum"]!.AsArray()
            .Select(v => v!.GetValue<string>());

        Assert.That(offered, Is.EquivalentTo(new[] { "todo", "done", "blocked", "cancelled" }));
        var problem = AssertToolProblem(await CallRawAsync("release_task", $$"""{"task_id":"{{UnknownTask}}","claim_token":1,"status":"in_progress"}"""), 422);
        Assert.That(problem["errors"]!["status"]![0]!.GetValue<string>(), Does.Not.Contain("in_progress"));
    }
}
