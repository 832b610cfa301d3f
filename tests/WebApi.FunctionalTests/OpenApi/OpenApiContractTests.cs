using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.OpenApi;

/// <summary>
/// The committed OpenAPI document is the contract agents generate clients from: it must equal the
/// document the running service serves. Regenerate it with <c>scripts/regenerate-client.sh</c>
/// (or <c>STATEHUB_UPDATE_OPENAPI=1 dotnet test tests/WebApi.FunctionalTests --filter FullyQualifiedName~OpenApiContractTests</c>).
/// </summary>
public sealed class OpenApiContractTests : FunctionalTestBase
{
    [Test]
    public async Task LiveDocument_MatchesCommittedDocument()
    {
        var live = OpenApiJson.Normalise(await Client.GetStringAsync("/swagger/v1/swagger.json"));
        var path = RepositoryFiles.OpenApiDocument;

        if (OpenApiJson.UpdateRequested)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Write, then fall through: the comparison below still proves the file round-trips.
            await File.WriteAllTextAsync(path, live);
            await TestContext.Progress.WriteLineAsync($"Wrote {path}.");
        }

        Assert.That(File.Exists(path), Is.True, $"{path} is missing. {OpenApiJson.RegenerateHint}");
        var committed = OpenApiJson.Normalise(await File.ReadAllTextAsync(path));
        var differences = OpenApiJson.Diff(committed, live);
        if (differences.Count > 0)
        {
            Assert.Fail($"The served OpenAPI document differs from {RepositoryFiles.Relative(path)} (committed → live):\n" +
                string.Join("\n", differences) + "\n" + OpenApiJson.RegenerateHint);
        }
    }
}
