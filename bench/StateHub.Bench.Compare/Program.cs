using System.Diagnostics;
using System.Globalization;

// The hub against the raw-Npgsql baseline, in one interleaved session (bench/README.md). For every
// read it checks once that both answer byte-equal bodies, then runs `rounds` rounds of hub then
// raw, each `seconds` long with `connections` concurrent keep-alive clients, and prints the
// medians over rounds: requests per second, p50 and p99 latency, the ratio hub/raw, and (when
// the process ids are given) CPU milliseconds per request of the app and of the database.
//   --hub URL --raw URL --read "name=path" [--read …] [--seconds 10] [--connections 32] [--rounds 3]
//   [--warmup 5] [--hub-pid N] [--raw-pid N] [--pg-pid N] [--only-hub]
// Before a read's first round each side gets `warmup` seconds of the same load, not counted: the hub
// has far more code than the baseline to move up the JIT's tiers, and on a busy 2-core machine that
// took 20-30 s of load (bench/README.md); every round also starts with one uncounted second.
var o = Options.Parse(args);
var results = new List<Result>();
foreach (var (name, path) in o.Reads)
{
    var hubBody = await Fetch(o.Hub, path);
    var rawBody = o.Raw is null ? null : await Fetch(o.Raw, path);
    var equal = rawBody is null ? "n/a" : hubBody.AsSpan().SequenceEqual(rawBody) ? "byte-equal" : "DIFFERENT";
    if (equal == "DIFFERENT")
        Console.Error.WriteLine($"{name}: bodies differ\nhub: {Trim(hubBody)}\nraw: {Trim(rawBody!)}");

    await WarmUp(o.Hub, path);
    if (o.Raw is not null)
        await WarmUp(o.Raw, path);
    var hubRuns = new List<Run>();
    var rawRuns = new List<Run>();
    for (var round = 0; round < o.Rounds; round++)
    {
        hubRuns.Add(await Load(o.Hub, path, o.HubPid));
        if (o.Raw is not null)
            rawRuns.Add(await Load(o.Raw, path, o.RawPid));
    }
    results.Add(new Result(name, hubBody.Length, equal, Median(hubRuns), rawRuns.Count == 0 ? null : Median(rawRuns)));
}

Console.WriteLine();
Console.WriteLine($"{o.Rounds} interleaved rounds of {o.Seconds} s, {o.Connections} connections, medians; CPU ms per request: app + db");
Console.WriteLine("| read | body | hub rps | hub p50 / p99 ms | raw rps | raw p50 / p99 ms | hub / raw | CPU/req hub | CPU/req raw |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
foreach (var r in results)
{
    var raw = r.Raw;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Name} | {r.Bytes:N0} B, {r.Equal} | {r.Hub.Rps:N0} | {r.Hub.P50:F1} / {r.Hub.P99:F1} | {(raw is null ? "—" : raw.Rps.ToString("N0", CultureInfo.InvariantCulture))} | " +
        $"{(raw is null ? "—" : $"{raw.P50:F1} / {raw.P99:F1}")} | {(raw is null ? "—" : $"**{r.Hub.Rps / raw.Rps:F2}**")} | {Cpu(r.Hub)} | {(raw is null ? "—" : Cpu(raw))} |"));
}
return 0;

static string Cpu(Run run) => run.AppCpuMs is null ? "—" : string.Create(CultureInfo.InvariantCulture, $"{run.AppCpuMs:F2} + {run.DbCpuMs:F2}");

static string Trim(byte[] body) => System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 600)));

async Task<byte[]> Fetch(string baseUrl, string path)
{
    using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
    using var response = await client.GetAsync(path);
    var body = await response.Content.ReadAsByteArrayAsync();
    if (!response.IsSuccessStatusCode)
        throw new InvalidOperationException($"GET {baseUrl}{path} answered {(int)response.StatusCode}: {Trim(body)}");
    return body;
}

// Keep-alive clients for a load: one connection per concurrent client, never recycled.
HttpClient LoadClient(string baseUrl) =>
    new(new SocketsHttpHandler { MaxConnectionsPerServer = o.Connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = new Uri(baseUrl),
    };

async Task WarmUp(string baseUrl, string path)
{
    if (o.WarmupSeconds <= 0)
        return;
    using var client = LoadClient(baseUrl);
    await Drive(client, path, TimeSpan.FromSeconds(o.WarmupSeconds), null);
}

async Task<Run> Load(string baseUrl, string path, int? appPid)
{
    using var client = LoadClient(baseUrl);
    // Warm-up: a second of the same load, not counted.
    await Drive(client, path, TimeSpan.FromSeconds(1), null);
    var latencies = new List<double>[o.Connections];
    var appBefore = CpuTicks(appPid);
    var dbBefore = DbTicks();
    var started = Stopwatch.GetTimestamp();
    await Drive(client, path, TimeSpan.FromSeconds(o.Seconds), latencies);
    var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var app = CpuTicks(appPid) - appBefore;
    var db = DbTicks() - dbBefore;
    var all = latencies.SelectMany(l => l).Order().ToArray();
    var msPerTick = 1000.0 / 100; // USER_HZ
    return new Run(all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99),
        appPid is null ? null : app * msPerTick / all.Length, o.PgPid is null ? null : db * msPerTick / all.Length);
}

async Task Drive(HttpClient client, string path, TimeSpan duration, List<double>[]? latencies)
{
    var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    await Task.WhenAll(Enumerable.Range(0, o.Connections).Select(async c =>
    {
        var mine = new List<double>(4096);
        if (latencies is not null)
            latencies[c] = mine;
        while (Stopwatch.GetTimestamp() < until)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
            mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }));
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

static Run Median(List<Run> runs)
{
    double M(Func<Run, double> f) => runs.Select(f).Order().ElementAt(runs.Count / 2);
    return new Run(M(r => r.Rps), M(r => r.P50), M(r => r.P99),
        runs[0].AppCpuMs is null ? null : M(r => r.AppCpuMs!.Value), runs[0].DbCpuMs is null ? null : M(r => r.DbCpuMs!.Value));
}

// utime + stime of a process, in clock ticks (Linux /proc); with `children`, also cutime + cstime:
// the CPU of the children it has waited for (for the postmaster: every backend that has ended).
static long CpuTicks(int? pid, bool children = false)
{
    if (pid is null)
        return 0;
    try
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        if (children)
            ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return ticks;
    }
    catch (IOException)
    {
        return 0;
    }
}

// The database's CPU so far: the postmaster, the backends it has forked and still runs (read one
// by one), and those that have ended (the postmaster's cutime + cstime, to which the kernel adds a
// child's times when the postmaster reaps it). A backend that ends during a run thus moves from
// the first sum to the second instead of vanishing, so the difference of two readings is never
// negative and counts every backend that worked during the run, including those that started or
// ended within it. (Backends do not fork, so there are no grandchildren to miss.)
long DbTicks()
{
    if (o.PgPid is null)
        return 0;
    long total = CpuTicks(o.PgPid, children: true);
    foreach (var dir in Directory.EnumerateDirectories("/proc"))
    {
        if (!int.TryParse(Path.GetFileName(dir), out var pid))
            continue;
        try
        {
            var stat = File.ReadAllText($"{dir}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[1], CultureInfo.InvariantCulture) == o.PgPid)
                total += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
        }
    }
    return total;
}

internal sealed record Run(double Rps, double P50, double P99, double? AppCpuMs, double? DbCpuMs);

internal sealed record Result(string Name, int Bytes, string Equal, Run Hub, Run? Raw);

internal sealed record Options(string Hub, string? Raw, List<(string Name, string Path)> Reads, int Seconds, int Connections, int Rounds, int WarmupSeconds, int? HubPid, int? RawPid, int? PgPid)
{
    public static Options Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        int? Int(string name) => Get(name) is { Length: > 0 } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;
        var reads = args.Select((a, i) => (a, i)).Where(x => x.a == "--read" && x.i + 1 < args.Length)
            .Select(x => args[x.i + 1].Split('=', 2)).Select(p => (p[0], p[1])).ToList();
        return new Options(Get("--hub") ?? "http://127.0.0.1:8100", Get("--raw"), reads,
            Int("--seconds") ?? 10, Int("--connections") ?? 32, Int("--rounds") ?? 3, Int("--warmup") ?? 5, Int("--hub-pid"), Int("--raw-pid"), Int("--pg-pid"));
    }
}
