using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StateHub.Infrastructure.Persistence;

namespace StateHub.WebApi.BrowserTests.Infrastructure;

/// <summary>
/// Base of browser tests: every table emptied and the clock reset before each test, data
/// arranged over the real HTTP API (or <see cref="WithDbAsync"/>), then pages read in Chromium as
/// a person would see them: one browser context per fixture, its cookies cleared and its page
/// blanked before each test (a fresh context after a failed test).
/// </summary>
public abstract class DashboardBrowserTestBase
{
    protected static DashboardAppFactory App => BrowserHost.App;

    protected HttpClient Api { get; private set; } = null!;

    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    /// <summary>Dialogs (alert, confirm) a page opened: a script that ran.</summary>
    protected List<string> Dialogs { get; } = [];

    /// <summary>Uncaught script errors and console errors (a refused stylesheet shows up here too).</summary>
    protected List<string> PageErrors { get; } = [];

    /// <summary>Pages are readable without JavaScript; fixtures that prove it turn it off.</summary>
    protected virtual bool JavaScriptEnabled => true;

    /// <summary>One browser context and page for the fixture: Chromium starts a context and its renderer for each, which cost more than most tests.</summary>
    [OneTimeSetUp]
    public Task OpenBrowserContext() => NewBrowserContextAsync();

    private async Task NewBrowserContextAsync()
    {
        Context = await BrowserHost.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            JavaScriptEnabled = JavaScriptEnabled,
            Locale = "en-GB",
        });
        Page = await Context.NewPageAsync();
        Page.Dialog += async (_, dialog) =>
        {
            Dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        Page.PageError += (_, error) => PageErrors.Add(error);
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
                PageErrors.Add(message.Text);
        };
    }

    [OneTimeTearDown]
    public async Task CloseBrowserContext()
    {
        if (Context is not null)
            await Context.CloseAsync();
    }

    /// <summary>Each test starts signed out (no cookies), on a blank page, with nothing recorded.</summary>
    [SetUp]
    public async Task StartTest()
    {
        App.ResetForTest();
        await ResetDatabaseAsync();
        Api = new HttpClient { BaseAddress = App.BaseAddress };
        await Context.ClearCookiesAsync();
        await Page.GotoAsync("about:blank");
        Dialogs.Clear();
        PageErrors.Clear();
    }

    [TearDown]
    public async Task EndTest()
    {
        try
        {
            if (TestContext.CurrentContext.Result.Outcome.Status != NUnit.Framework.Interfaces.TestStatus.Failed || Page is null)
                return;

            // A failed test leaves a picture of what the page showed, and the fixture's next test a
            // fresh context: the failure may have left the page crashed or stuck.
            try
            {
                await SaveScreenshotAsync(TestContext.CurrentContext.Test.Name + "_failed");
            }
            catch (PlaywrightException)
            {
            }

            await Context.CloseAsync();
            await NewBrowserContextAsync();
        }
        finally
        {
            Api?.Dispose();
        }
    }

    /// <summary>Empties every table but the migrations history.</summary>
    private static Task ResetDatabaseAsync() => TestDatabase.ResetAsync();

    /// <summary>Runs <paramref name="work"/> against the database directly, for arranging what HTTP cannot.</summary>
    protected static async Task WithDbAsync(Func<StateHubDbContext, Task> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<StateHubDbContext>());
    }

    /// <summary>Loads a dashboard page in the browser and checks the status it was served with.</summary>
    protected async Task<IResponse> OpenAsync(string path, int expectedStatus = 200)
    {
        var response = await Page.GotoAsync(new Uri(App.BaseAddress, path).ToString())
            ?? throw new AssertionException($"No response for {path}");
        Assert.That(response.Status, Is.EqualTo(expectedStatus), $"GET {path} answered {response.Status}");
        Assert.That(response.Headers["content-type"], Does.StartWith("text/html"), path);
        return response;
    }

    /// <summary>Whether <see cref="ScreenshotAsync"/> saves its screenshot (<c>STATEHUB_SCREENSHOTS=1</c>); a failed test always saves one.</summary>
    /// <remarks>Off by default: the full-page PNGs cost about 17 s of Chromium's CPU per run (about a quarter of it), and no test reads them.</remarks>
    public static bool ScreenshotsWanted => Environment.GetEnvironmentVariable("STATEHUB_SCREENSHOTS") == "1";

    /// <summary>
    /// Marks a moment worth seeing: with <see cref="ScreenshotsWanted"/>, saves a full-page PNG under
    /// TestResults/screenshots/ and attaches it to the test result.
    /// </summary>
    protected Task ScreenshotAsync(string? name = null) => ScreenshotsWanted ? SaveScreenshotAsync(name) : Task.CompletedTask;

    private async Task SaveScreenshotAsync(string? name)
    {
        var folder = Path.Combine(ProjectDirectory(), "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        var safeName = string.Concat((name ?? TestContext.CurrentContext.Test.Name).Select(c => char.IsLetterOrDigit(c) || c is '_' or '-' ? c : '_'));
        var file = Path.Combine(folder, safeName + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        TestContext.AddTestAttachment(file, "What the page looked like");
    }

    /// <summary>The visible text of the first element matching <paramref name="selector"/>.</summary>
    protected Task<string> TextOfAsync(string selector) => Page.Locator(selector).First.InnerTextAsync();

    protected Task<int> CountAsync(string selector) => Page.Locator(selector).CountAsync();

    private static string ProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (dir.EnumerateFiles("*.csproj").Any())
                return dir.FullName;
        }

        return AppContext.BaseDirectory;
    }

    protected static StringContent Json(object body) => HttpAssertions.Json(body);

    protected Task<JsonNode> SendOkAsync(HttpMethod method, string url, object? body = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        HttpAssertions.SendOkAsync(Api, method, url, body, expected);

    protected Task<JsonNode> PostCreatedAsync(string url, object body) => SendOkAsync(HttpMethod.Post, url, body, HttpStatusCode.Created);

    protected Task<JsonNode> CreateDomainAsync(string slug = "platform", string name = "Platform", string? description = "Shared platform", string status = "active") =>
        PostCreatedAsync("/domains/", new { slug, name, description, status });

    protected Task<JsonNode> RegisterRepoAsync(string slug, string domainSlug = "platform", string? name = null, string? description = null, string? remoteUrl = null, string? gitFingerprint = null) =>
        PostCreatedAsync("/repos/", new
        {
            domain_slug = domainSlug,
            slug,
            name = name ?? slug,
            description,
            remote_url = remoteUrl,
            git_fingerprint = gitFingerprint,
        });
}
