using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StateHub.Client;

namespace StateHub.WebApi.FunctionalTests.ClientDriven;

/// <summary>The generated client refuses, at compile time, a request that leaves out a required field.</summary>
public sealed class ClientContractTests : ClientTestBase
{
    [Test]
    public void RegisterInterfaceChangeRequest_WithoutChangeType_DoesNotCompile()
    {
        var errors = Compile("""
            var request = new StateHub.Client.RegisterInterfaceChangeRequest
            {
                OriginRepoSlug = "repo-registry", Title = "forgot the types", InterfaceType = StateHub.Client.InterfaceType.Cli,
            };
            """);

        Assert.That(errors.Select(e => e.Id), Does.Contain("CS9035"), string.Join("\n", errors));
        Assert.That(errors.Single(e => e.Id == "CS9035").GetMessage(), Does.Contain("ChangeType"));
    }

    [Test]
    public void RegisterInterfaceChangeRequest_WithEveryRequiredMember_Compiles()
    {
        var errors = Compile("""
            var request = new StateHub.Client.RegisterInterfaceChangeRequest
            {
                OriginRepoSlug = "repo-registry", Title = "t",
                ChangeType = StateHub.Client.ChangeType.Additive, InterfaceType = StateHub.Client.InterfaceType.Cli,
            };
            var ack = new StateHub.Client.AcknowledgeInterfaceChangeRequest { Status = StateHub.Client.ConsumerStatus.Migrated };
            """);

        Assert.That(errors, Is.Empty, string.Join("\n", errors));
    }

    [Test]
    public void AcknowledgeInterfaceChangeRequest_WithoutStatus_DoesNotCompile()
    {
        var errors = Compile("""var ack = new StateHub.Client.AcknowledgeInterfaceChangeRequest { Note = "n" };""");

        Assert.That(errors.Select(e => e.GetMessage()), Has.Some.Contains("Status"));
    }

    [Test]
    public void StateHubClient_OwningItsHttpClient_IsDisposable()
    {
        var hub = new StateHubClient(new Uri("http://127.0.0.1:1/"));
        hub.Dispose();

        Assert.That(hub, Is.InstanceOf<IDisposable>());
        Assert.Throws<ObjectDisposedException>(() => hub.HttpClient.CancelPendingRequests());
        using var borrowed = new StateHubClient(Client);
        borrowed.Dispose();
        Assert.DoesNotThrow(() => Client.CancelPendingRequests(), "a borrowed HttpClient stays usable");
    }

    private static IReadOnlyList<Diagnostic> Compile(string statements)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(StateHubClient).Assembly.Location))
            .ToList();
        var tree = CSharpSyntaxTree.ParseText(statements, new CSharpParseOptions(LanguageVersion.Preview));
        var compilation = CSharpCompilation.Create(
            "RequestProbe", [tree], references, new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }
}
