using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

// Load benchmark for a running State Hub (see bench/README.md). It seeds a fleet through the
// public API, then measures dispatch for a large repo and the DoI fleet summary, and prints
// latency percentiles. It only talks to the URL it is given (loopback by default).
var options = BenchOptions.Parse(args);
using var http = new HttpClient { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromMinutes(2) };

var run = Guid.NewGuid().ToString("N")[..8];
var domain = $"bench-{run}";
await Post("/domains/", new { slug = domain, name = $"Bench {run}" });

if (options.ClaimTasks > 0)
    await ClaimNextUnderContention(options.ClaimTasks, options.Clients);
if (options.ClaimsOnly)
    return 0;

Console.WriteLine($"Seeding {options.Repos} repos and one repo with {options.Workstreams} workstreams x {options.Tasks} tasks ...");
var big = $"{domain}-big";
await Post("/repos/", new { domain_slug = domain, slug = big, name = "Big repo" });
await Post($"/repos/{big}/goals", new { title = "Ship it", priority = 1 });
for (var w = 0; w < options.Workstreams; w++)
{
    var ws = await Post($"/repos/{big}/workstreams", new { key = $"WP-{w:D3}", title = $"Workstream {w}" });
    var id = ws["id"]!.GetValue<string>();
    await Parallel.ForEachAsync(Enumerable.Range(0, options.Tasks), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (t, _) =>
        await Post($"/workstreams/{id}/tasks", new { key = $"T{t:D2}", title = $"Task {t}", priority = 1 + (t % 5), needs_human = t % 7 == 0 }));
}

await Parallel.ForEachAsync(Enumerable.Range(0, options.Repos), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (r, _) =>
    await Post("/repos/", new { domain_slug = domain, slug = $"{domain}-r{r:D4}", name = $"Repo {r:D4}", remote_url = $"https://example.com/{run}/{r}.git" }));

await Measure($"GET /repos/{{slug}}/dispatch ({options.Workstreams}x{options.Tasks})", $"/repos/{big}/dispatch", options.Iterations);
await Get("/repos/doi/summary"); // first call fills the cache for every repo
await Measure($"GET /repos/doi/summary (cached fleet, {options.Repos + 1}+ repos)", "/repos/doi/summary", Math.Max(5, options.Iterations / 10));
return 0;

// claim-next under contention: `clients` agents call it in a loop on one repo until it answers 204;
// every 200 is a claim, anything else but the final 204 is a failed attempt.
async Task ClaimNextUnderContention(int tasks, int clients)
{
    var repo = $"{domain}-claims";
    await Post("/repos/", new { domain_slug = domain, slug = repo, name = "Claims repo" });
    var ws = await Post($"/repos/{repo}/workstreams", new { key = "WP-CLAIMS", title = "Claims" });
    var wsId = ws["id"]!.GetValue<string>();
    Console.WriteLine($"Seeding {tasks} tasks for claim-next ...");
    await Parallel.ForEachAsync(Enumerable.Range(0, tasks), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (t, _) =>
        await Post($"/workstreams/{wsId}/tasks", new { key = $"C{t:D5}", title = $"Claimable {t}", priority = 1 + (t % 5) }));

    var claims = 0;
    var failed = 0;
    var attempts = 0;
    var claimed = new System.Collections.Concurrent.ConcurrentDictionary<string, byte>();
    var started = Stopwatch.GetTimestamp();
    await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
    {
        while (true)
        {
            Interlocked.Increment(ref attempts);
            using var response = await http.PostAsJsonAsync($"/repos/{repo}/claim-next", new { claimant = $"bench-agent-{c}", ttl_seconds = 3600 });
            if (response.StatusCode == System.Net.HttpStatusCode.NoContent)
                return;
            if (response.StatusCode == System.Net.HttpStatusCode.OK)
            {
                var task = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                if (!claimed.TryAdd(task["id"]!.GetValue<string>(), 0))
                    throw new InvalidOperationException($"Task {task["id"]} was claimed twice.");
                Interlocked.Increment(ref claims);
            }
            else
            {
                Interlocked.Increment(ref failed);
            }
        }
    }));
    var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var countedAttempts = attempts - clients; // each client's final 204 only says "no more work"
    Console.WriteLine($"POST /repos/{{slug}}/claim-next ({clients} clients, {tasks} tasks): {claims} claims in {seconds:F2} s = "
        + $"{claims / seconds:F0} claims/s; failed attempts {failed}/{countedAttempts} ({100.0 * failed / Math.Max(1, countedAttempts):F1} %); "
        + $"double claims 0; tasks left unclaimed {tasks - claims}");
}

async Task<JsonNode> Post(string path, object body)
{
    using var response = await http.PostAsJsonAsync(path, body);
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
        throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
    return JsonNode.Parse(text)!;
}

async Task Get(string path)
{
    using var response = await http.GetAsync(path);
    if (!response.IsSuccessStatusCode)
        throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    await response.Content.ReadAsByteArrayAsync();
}

async Task Measure(string label, string path, int iterations)
{
    for (var i = 0; i < 3; i++)
        await Get(path); // warm-up
    var samples = new List<double>(iterations);
    for (var i = 0; i < iterations; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await Get(path);
        samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    samples.Sort();
    double P(double q) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)];
    Console.WriteLine($"{label}: n={samples.Count} p50={P(0.50):F1} ms p95={P(0.95):F1} ms max={samples[^1]:F1} ms");
}

internal sealed record BenchOptions(string Url, int Repos, int Workstreams, int Tasks, int Iterations, int ClaimTasks = 1000, int Clients = 32, bool ClaimsOnly = false)
{
    public static BenchOptions Parse(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        return new BenchOptions(
            Arg("--url", "http://127.0.0.1:8000"),
            int.Parse(Arg("--repos", "200")),
            int.Parse(Arg("--workstreams", "50")),
            int.Parse(Arg("--tasks", "20")),
            int.Parse(Arg("--iterations", "200")),
            int.Parse(Arg("--claim-tasks", "1000")),
            int.Parse(Arg("--clients", "32")),
            Array.IndexOf(args, "--claims-only") >= 0);
    }
}
