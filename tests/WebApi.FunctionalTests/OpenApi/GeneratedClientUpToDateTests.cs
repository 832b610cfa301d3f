using StateHub.ClientGenerator;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.OpenApi;

/// <summary>The committed client is what the generator makes of the committed document.</summary>
public sealed class GeneratedClientUpToDateTests
{
    [Test]
    public async Task CommittedClient_MatchesGenerationFromCommittedDocument()
    {
        var document = await File.ReadAllTextAsync(RepositoryFiles.OpenApiDocument);
        var expected = await ClientCodeGenerator.GenerateAsync(document);
        var committed = File.Exists(RepositoryFiles.GeneratedClient) ? await File.ReadAllTextAsync(RepositoryFiles.GeneratedClient) : string.Empty;

        Assert.That(committed, Is.EqualTo(expected),
            $"{RepositoryFiles.Relative(RepositoryFiles.GeneratedClient)} is stale. {OpenApiJson.RegenerateHint}");
    }
}
