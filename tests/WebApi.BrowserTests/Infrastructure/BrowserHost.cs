using Microsoft.Playwright;

namespace StateHub.WebApi.BrowserTests.Infrastructure;

/// <summary>
/// What the whole run shares: one database, one app on a loopback port and one headless
/// Chromium (Debian's, driven by Playwright). Each fixture gets its own browser context (DashboardBrowserTestBase).
/// </summary>
public static class BrowserHost
{
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    /// <summary>The moment every test starts at: 2 Nov 2026, 09:00 UTC.</summary>
    public static readonly DateTimeOffset Epoch = StateHubApiFactory.Epoch;

    private static IPlaywright? _playwright;

    public static DashboardAppFactory App { get; private set; } = null!;

    public static IBrowser Browser { get; private set; } = null!;

    /// <summary>The Chromium binary: <c>STATEHUB_CHROMIUM</c> when set, else Debian's <c>/usr/bin/chromium</c>.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("STATEHUB_CHROMIUM") is { Length: > 0 } path ? path : DefaultChromiumPath;

    public static async Task StartAsync()
    {
        // Fail loudly, never skip: CI installs Chromium (.ci/install.d/chromium.sh), so its absence is a broken machine.
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {ChromiumPath}. The browser tests need Debian's headless Chromium: " +
                "run `apt-get install -y chromium` (bash .ci/install.d/chromium.sh does it), or set STATEHUB_CHROMIUM to a Chromium binary.");
        }

        await TestDatabase.EnsureStartedAsync();
        App = new DashboardAppFactory();
        App.Start();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    public static async Task StopAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        if (App is not null)
            await App.DisposeAsync();
        await TestDatabase.StopAsync();
    }
}
