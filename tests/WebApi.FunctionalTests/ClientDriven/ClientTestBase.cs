using StateHub.Client;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.ClientDriven;

/// <summary>
/// Base of tests that drive State Hub through the generated client (src/Client), exactly as an
/// agent would, over the in-memory host's HttpClient.
/// </summary>
public abstract class ClientTestBase : FunctionalTestBase
{
    protected const string Fingerprint = "3f786850e387550fdab836ed7e6dc881de23001b";

    protected StateHubClient Api { get; private set; } = null!;

    [OneTimeSetUp]
    public void CreateApiClient() => Api = new StateHubClient(Client);

    protected Task<DomainDto> CreatePlatformDomainAsync() =>
        Api.Domains.CreateAsync(new CreateDomainRequest { Slug = "platform", Name = "Platform", Description = "Shared platform" });

    protected Task<RepoDto> RegisterRepoViaClientAsync(string slug, string? remoteUrl = null, string? fingerprint = null) =>
        Api.Repos.RegisterAsync(new RegisterRepoRequest
        {
            DomainSlug = "platform",
            Slug = slug,
            Name = slug,
            RemoteUrl = remoteUrl,
            GitFingerprint = fingerprint,
        });

    /// <summary>Runs <paramref name="call"/>, which must fail with a problem of <paramref name="status"/> carrying a detail.</summary>
    protected static async Task<StateHubApiException> AssertProblemAsync(Func<Task> call, int status)
    {
        try
        {
            await call();
        }
        catch (StateHubApiException problem)
        {
            Assert.That(problem.Status, Is.EqualTo(status), problem.Message);
            Assert.That(problem.Detail, Is.Not.Null.And.Not.Empty, problem.Message);
            Assert.That(problem.Problem!.Status, Is.EqualTo(status), problem.Message);
            return problem;
        }

        Assert.Fail($"Expected a {status} problem, but the call succeeded.");
        throw new InvalidOperationException("Unreachable.");
    }
}
