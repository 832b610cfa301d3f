using Microsoft.Playwright;
using StateHub.WebApi.BrowserTests.Infrastructure;

namespace StateHub.WebApi.BrowserTests.Dashboard;

/// <summary>On a hub that requires keys: a page without a session redirects to sign-in; signing in with a key opens the dashboard; signing out ends it.</summary>
public sealed class SignInTests
{
    private const string AdminKey = "browser-bootstrap-admin-key-0123456789";

    private DashboardAppFactory _app = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    [OneTimeSetUp]
    public void StartApp()
    {
        _app = DashboardAppFactory.WithSettings(new Dictionary<string, string?>
        {
            ["Auth:AdminApiKey"] = AdminKey,
            ["Auth:AllowAnonymous"] = "false",
        });
        _app.Start();
    }

    [OneTimeTearDown]
    public async Task StopApp() => await _app.DisposeAsync();

    [SetUp]
    public async Task OpenBrowser()
    {
        _context = await BrowserHost.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        _page = await _context.NewPageAsync();
    }

    [TearDown]
    public async Task CloseBrowser() => await _context.CloseAsync();

    [Test]
    public async Task Page_WithoutSession_RedirectsToSignIn()
    {
        var response = await _page.GotoAsync(Url("/dashboard/interface-changes"));
        Assert.That(response!.Status, Is.EqualTo(200));
        Assert.That(new Uri(_page.Url).AbsolutePath, Is.EqualTo("/dashboard/sign-in"));
        Assert.That(await _page.Locator("input[name=api_key]").CountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task SignIn_WithAKey_OpensTheDashboard_AndSignOutEndsTheSession()
    {
        await _page.GotoAsync(Url("/dashboard/sign-in"));
        await _page.FillAsync("input[name=api_key]", AdminKey);
        await _page.ClickAsync("button[type=submit]");

        Assert.That(new Uri(_page.Url).AbsolutePath, Is.EqualTo("/dashboard"));
        Assert.That(await _page.Locator("h1").First.InnerTextAsync(), Is.EqualTo("Fleet"));
        var cookie = (await _context.CookiesAsync()).Single(c => c.Name == "statehub_session");
        Assert.That(cookie.HttpOnly, Is.True);
        Assert.That(cookie.SameSite, Is.EqualTo(SameSiteAttribute.Strict));
        Assert.That(_page.Url, Does.Not.Contain(AdminKey));
        Assert.That(await _page.ContentAsync(), Does.Not.Contain(AdminKey), "the key never appears in a page");

        await _page.GotoAsync(Url("/dashboard/interface-changes"));
        Assert.That(new Uri(_page.Url).AbsolutePath, Is.EqualTo("/dashboard/interface-changes"), "the session opens every page");

        await _page.ClickAsync("form.sign-out button");
        Assert.That(new Uri(_page.Url).AbsolutePath, Is.EqualTo("/dashboard/sign-in"));
        Assert.That((await _context.CookiesAsync()).Any(c => c.Name == "statehub_session"), Is.False);
        await _page.GotoAsync(Url("/dashboard"));
        Assert.That(new Uri(_page.Url).AbsolutePath, Is.EqualTo("/dashboard/sign-in"), "signed out: back to the form");
    }

    [Test]
    public async Task SignIn_WithAWrongKey_StaysOnTheFormWithAReason()
    {
        await _page.GotoAsync(Url("/dashboard/sign-in"));
        await _page.FillAsync("input[name=api_key]", "sh_not-a-key");
        await _page.ClickAsync("button[type=submit]");
        Assert.That(new Uri(_page.Url).AbsolutePath, Is.EqualTo("/dashboard/sign-in"));
        Assert.That(await _page.Locator("#sign-in-error").InnerTextAsync(), Does.Contain("not known"));
        Assert.That((await _context.CookiesAsync()).Any(c => c.Name == "statehub_session"), Is.False);
    }

    private string Url(string path) => new Uri(_app.BaseAddress, path).ToString();
}
