using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace StateHub.Infrastructure.Persistence.Embedded;

/// <summary>
/// A PostgreSQL cluster of the service's own, made from the machine's PostgreSQL binaries: a data
/// folder it owns, loopback only, password auth, run as <see cref="EmbeddedPostgresOptions.ServiceUser"/>
/// when started as root. A second start reuses the folder (and a server still running on it).
/// </summary>
public sealed class EmbeddedPostgresCluster : IAsyncDisposable
{
    private const string SuperUser = "statehub";

    private readonly EmbeddedPostgresOptions _options;
    private readonly ILogger _logger;
    private readonly string _binDirectory;
    private readonly string _root;
    private readonly bool _runAsServiceUser;
    private bool _startedByUs;

    private EmbeddedPostgresCluster(EmbeddedPostgresOptions options, ILogger logger, string binDirectory, string root, bool runAsServiceUser)
    {
        _options = options;
        _logger = logger;
        _binDirectory = binDirectory;
        _root = root;
        _runAsServiceUser = runAsServiceUser;
    }

    public string ConnectionString { get; private set; } = null!;

    public string DataDirectory => Path.Combine(_root, "data");

    public int Port { get; private set; }

    public static async Task<EmbeddedPostgresCluster> StartAsync(EmbeddedPostgresOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        var bin = FindBinDirectory(options.BinDirectory)
            ?? throw new EmbeddedDatabaseUnavailableException(
                "No PostgreSQL server binaries (initdb, pg_ctl) were found on PATH or under /usr/lib/postgresql/*/bin. " +
                "Install PostgreSQL 15 or later (Debian: apt-get install postgresql), set EmbeddedDatabase__BinDirectory, " +
                "or set ConnectionStrings__StateHub to an existing server.");
        var asServiceUser = Environment.IsPrivilegedProcess;
        var root = Path.GetFullPath(options.DataDirectory ?? DefaultRoot(asServiceUser));
        var cluster = new EmbeddedPostgresCluster(options, logger, bin, root, asServiceUser);
        try
        {
            await cluster.StartCoreAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            // A server we started for a cluster we cannot use, or while the service was being
            // stopped, is not left behind.
            await cluster.StopAsync();
            if (cancellationToken.IsCancellationRequested || ex is not (EmbeddedDatabaseUnavailableException or NpgsqlException)
                || ex is EmbeddedDatabaseUnavailableException { NamesTheFix: true })
                throw;
            // The tools' own words, then what to change: the folder is the operator's way out.
            throw new EmbeddedDatabaseUnavailableException(
                $"The embedded PostgreSQL cluster in {cluster.DataDirectory} could not be started or used: {ex.Message.TrimEnd('.')}. " +
                $"Check {Path.Combine(root, "postgres.log")}; repair or move the folder, or set EmbeddedDatabase__DataDirectory to another folder " +
                "(or ConnectionStrings__StateHub to an existing server).");
        }

        return cluster;
    }

    public async Task StopAsync()
    {
        if (!_startedByUs)
            return;
        _startedByUs = false;
        _logger.LogInformation("Stopping embedded PostgreSQL in {DataDirectory}", DataDirectory);
        await RunAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], CancellationToken.None, throwOnError: false);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static string DefaultRoot(bool asServiceUser)
    {
        if (asServiceUser)
            return "/var/lib/statehub/postgres";
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome))
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(dataHome, "statehub", "postgres");
    }

    private static string? FindBinDirectory(string? configured)
    {
        static bool HasTools(string dir) =>
            File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));

        if (!string.IsNullOrWhiteSpace(configured))
            return HasTools(configured) ? configured : null;

        var fromPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(HasTools);
        if (fromPath is not null)
            return fromPath;

        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
            return null;
        return Directory.GetDirectories(debianRoot)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(d => HasTools(d.Dir))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Dir)
            .FirstOrDefault();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_root);
        if (_runAsServiceUser)
        {
            await ChownAsync(_root, cancellationToken);
            await EnsureServiceUserCanReachRootAsync(cancellationToken);
        }

        var passwordFile = Path.Combine(_root, "password");
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
            await InitialiseAsync(passwordFile, cancellationToken);
        var password = (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();

        var running = RunningPort();
        if (running is { } port)
        {
            _logger.LogInformation("Reusing embedded PostgreSQL already running in {DataDirectory} on port {Port}", DataDirectory, port);
            Port = port;
        }
        else
        {
            Port = _options.Port ?? FreeLoopbackPort();
            _logger.LogInformation("Starting embedded PostgreSQL in {DataDirectory} on 127.0.0.1:{Port}", DataDirectory, Port);
            await RunAsync("pg_ctl",
            [
                "start", "-D", DataDirectory, "-l", Path.Combine(_root, "postgres.log"), "-w", "-t", "60",
                "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''",
            ], cancellationToken);
            _startedByUs = true;
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = SuperUser,
            Password = password,
            Database = "postgres",
        };
        await EnsureDatabaseAsync(builder.ConnectionString, _options.Database, cancellationToken);
        builder.Database = _options.Database;
        ConnectionString = builder.ConnectionString;
    }

    private async Task InitialiseAsync(string passwordFile, CancellationToken cancellationToken)
    {
        // Never delete what is there: a folder that holds files but no cluster (someone else's data,
        // or a cluster whose PG_VERSION went missing) is the operator's to look at, not ours to wipe.
        if (Directory.Exists(DataDirectory) && Directory.EnumerateFileSystemEntries(DataDirectory).Any())
        {
            throw new EmbeddedDatabaseUnavailableException(
                $"The embedded database folder {DataDirectory} is not empty but holds no PostgreSQL cluster (no PG_VERSION); " +
                "State Hub will not overwrite it. Move it away or empty it, or set EmbeddedDatabase__DataDirectory to another folder.",
                namesTheFix: true);
        }

        _logger.LogInformation("Creating embedded PostgreSQL cluster in {DataDirectory}", DataDirectory);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (_runAsServiceUser)
            await ChownAsync(passwordFile, cancellationToken);
        await RunAsync("initdb",
        [
            "-D", DataDirectory, "-U", SuperUser, $"--pwfile={passwordFile}", "--auth=scram-sha-256",
            "-E", "UTF8", "--no-locale", "--no-instructions",
        ], cancellationToken);
    }

    /// <summary>The port of a server already running on this data folder, read from postmaster.pid.</summary>
    private int? RunningPort()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
            return null;
        try
        {
            var lines = File.ReadAllLines(pidFile);
            if (lines.Length < 4 || !int.TryParse(lines[0], out var pid) || !int.TryParse(lines[3], out var port))
                return null;
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : port;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    private static async Task EnsureDatabaseAsync(string adminConnectionString, string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            return;
        var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The server runs as the service user, who must be able to walk every parent of the folder;
    /// a parent such as a <c>mktemp -d</c> folder (mode 700, owned by root) would make initdb fail
    /// with a bare "permission denied". Say so plainly instead, and leave the user's folders alone.
    /// </summary>
    private async Task EnsureServiceUserCanReachRootAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunProcessAsync("runuser", ["-u", _options.ServiceUser, "--", "test", "-r", _root, "-a", "-w", _root, "-a", "-x", _root], cancellationToken, throwOnError: true);
        }
        catch (EmbeddedDatabaseUnavailableException)
        {
            throw new EmbeddedDatabaseUnavailableException(
                $"The '{_options.ServiceUser}' user, which runs the embedded PostgreSQL when the service runs as root, cannot reach '{_root}': " +
                "a parent folder is not traversable by other users (e.g. a mktemp -d folder, mode 700). " +
                "Set EmbeddedDatabase__DataDirectory to a folder under a world-traversable parent (such as /var/lib/statehub or /tmp/statehub-<name>), " +
                "or set ConnectionStrings__StateHub to an existing server.",
                namesTheFix: true);
        }
    }

    private Task ChownAsync(string path, CancellationToken cancellationToken) =>
        RunProcessAsync("chown", [_options.ServiceUser, path], cancellationToken, throwOnError: true);

    private Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool throwOnError = true)
    {
        var executable = Path.Combine(_binDirectory, tool);
        return _runAsServiceUser
            ? RunProcessAsync("runuser", ["-u", _options.ServiceUser, "--", executable, .. arguments], cancellationToken, throwOnError)
            : RunProcessAsync(executable, arguments, cancellationToken, throwOnError);
    }

    private static async Task RunProcessAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool throwOnError)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new EmbeddedDatabaseUnavailableException($"Could not run '{fileName}': {ex.Message}");
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 && throwOnError)
        {
            throw new EmbeddedDatabaseUnavailableException(
                $"'{Path.GetFileName(fileName)} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}: {(await stderr).Trim()} {(await stdout).Trim()}");
        }
    }
}

/// <summary>The embedded database could not be provisioned; the message says what to install or set.</summary>
public sealed class EmbeddedDatabaseUnavailableException(string message, bool namesTheFix = false) : Exception(message)
{
    /// <summary>True when the message already says what to change (a setting to set, a folder to move).</summary>
    public bool NamesTheFix { get; } = namesTheFix;
}
