using System.Diagnostics;

namespace StateHub.WebApi.FunctionalTests.Access;

/// <summary>The real built process, started outside Development without an admin key, refuses to start with one line and exit code 1.</summary>
public sealed class StartupRefusalTests
{
    [Test]
    public async Task Process_InProductionWithoutAdminKey_ExitsWithCode1AndOneLine()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "StateHub.WebApi.dll");
        Assert.That(File.Exists(dll), dll);
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment.Remove("Auth__AdminApiKey");
        start.Environment.Remove("Auth__AllowAnonymous");
        // Never touch a real database if it did start.
        start.Environment["ConnectionStrings__StateHub"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=1";

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the process kept running without an admin key");
        }

        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(process.ExitCode, Is.EqualTo(1), await stdout);
        Assert.That(lines, Has.Length.EqualTo(1), string.Join("\n", lines));
        Assert.That(lines[0], Does.Contain("Auth__AdminApiKey").And.Contain("Auth__AllowAnonymous=true"));
    }
}
