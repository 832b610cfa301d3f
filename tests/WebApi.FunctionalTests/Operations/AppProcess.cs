using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Operations;

/// <summary>
/// The real built app in a process of its own (<c>dotnet StateHub.WebApi.dll</c>), started from the
/// project folder as <c>dotnet run</c> would, with its stdout and stderr captured line by line.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public IReadOnlyList<string> Stdout => _stdout.ToList();

    public IReadOnlyList<string> Stderr => _stderr.ToList();

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The built app: src/WebApi/bin/&lt;configuration of this test run&gt;/net10.0/StateHub.WebApi.dll.</summary>
    public static string AppDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar).Contains("Release") ? "Release" : "Debug";
            var dll = Path.Combine(RepositoryFiles.Root, "src", "WebApi", "bin", configuration, "net10.0", "StateHub.WebApi.dll");
            if (!File.Exists(dll))
                Assert.Inconclusive($"The app is not built at {dll}.");
            return dll;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static AppProcess Start(IReadOnlyDictionary<string, string?> environment, int? port = null)
    {
        var chosen = port ?? FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(RepositoryFiles.Root, "src", "WebApi"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AppDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{chosen}");
        foreach (var name in new[] { "ASPNETCORE_URLS", "ConnectionStrings__StateHub", "Logging__Console__FormatterName", "OTEL_EXPORTER_OTLP_ENDPOINT" })
            start.Environment.Remove(name);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        // Production refuses to start without an admin key (§10); these tests are about operations,
        // not access control, so the process runs open unless a test passes Auth__* itself.
        start.Environment.Remove("Auth__AdminApiKey");
        start.Environment["Auth__AllowAnonymous"] = "true";
        // The process lives for seconds: dynamic PGO's instrumented tier would only cost it CPU that
        // the rest of the run needs (tests/Directory.Build.props turns it off for test processes).
        start.Environment["DOTNET_TieredPGO"] = "0";
        foreach (var (name, value) in environment)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var app = new AppProcess(process, chosen);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                app._stdoutClosed.TrySetResult();
            else
                app._stdout.Enqueue(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                app._stderrClosed.TrySetResult();
            else
                app._stderr.Enqueue(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits for the exit and for both streams to be read to their end; false on timeout.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200; fails with what the process printed if it exits or times out.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                Assert.Fail($"The app exited with code {_process.ExitCode} before it was ready.\n{Output()}");
            try
            {
                using var response = await client.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        Assert.Fail($"The app was not ready within {timeout.TotalSeconds} s.\n{Output()}");
    }

    /// <summary>Asks the app to stop (SIGTERM, as systemd does) and waits for it.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
            return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        if (!await WaitForExitAsync(timeout))
            _process.Kill(entireProcessTree: true);
    }

    public string Output() =>
        $"--- stdout ---\n{string.Join('\n', Stdout)}\n--- stderr ---\n{string.Join('\n', Stderr)}";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
