using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

// Webhook throughput for running State Hub nodes that share one database (see bench/README.md):
// starts a local receiver, subscribes it, creates tasks through the nodes in turn (one
// task.created event each), and reports events per second delivered end to end and the outbox
// depth (events committed but not yet received) over time. The nodes need
// Webhooks__AllowPrivateNetworks=true, since the receiver listens on loopback.
string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

var nodes = Arg("--nodes", "http://127.0.0.1:8000").Split(',', StringSplitOptions.RemoveEmptyEntries);
var events = int.Parse(Arg("--events", "2000"), CultureInfo.InvariantCulture);
var writers = int.Parse(Arg("--writers", "8"), CultureInfo.InvariantCulture);
var clients = nodes.Select(n => new HttpClient { BaseAddress = new Uri(n), Timeout = TimeSpan.FromMinutes(2) }).ToArray();

var port = 20000 + Random.Shared.Next(20000);
using var listener = new HttpListener();
listener.Prefixes.Add($"http://127.0.0.1:{port}/");
listener.Start();
var received = new ConcurrentDictionary<string, int>();
var receiving = Task.Run(async () =>
{
    while (listener.IsListening)
    {
        HttpListenerContext context;
        try
        {
            context = await listener.GetContextAsync();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
        {
            return;
        }

        received.AddOrUpdate(context.Request.Headers["webhook-id"] ?? "", 1, (_, n) => n + 1);
        context.Response.StatusCode = 204;
        context.Response.Close();
    }
});

var run = Guid.NewGuid().ToString("N")[..8];
var domain = $"whbench-{run}";
await Post(clients[0], "/domains/", new { slug = domain, name = $"Webhook bench {run}" });
await Post(clients[0], "/repos/", new { domain_slug = domain, slug = domain, name = "Bench repo" });
var workstream = await Post(clients[0], $"/repos/{domain}/workstreams", new { key = "WP-1", title = "Bench" });
var hook = await Post(clients[0], "/webhooks/", new { url = $"http://127.0.0.1:{port}/hook", event_types = new[] { "task.created" }, repo_slugs = new[] { domain } });

Console.WriteLine($"{nodes.Length} node(s), {events} events, {writers} writers; receiver on 127.0.0.1:{port}");
var committed = 0;
var clock = Stopwatch.StartNew();
var samples = new List<(double At, int Depth, int Received)>();
using var sampling = new CancellationTokenSource();
var sampler = Task.Run(async () =>
{
    while (!sampling.IsCancellationRequested)
    {
        samples.Add((clock.Elapsed.TotalSeconds, Volatile.Read(ref committed) - received.Count, received.Count));
        try { await Task.Delay(500, sampling.Token); } catch (OperationCanceledException) { }
    }
});

await Parallel.ForEachAsync(Enumerable.Range(0, events), new ParallelOptions { MaxDegreeOfParallelism = writers }, async (i, _) =>
{
    await Post(clients[i % clients.Length], $"/workstreams/{workstream["id"]}/tasks", new { key = $"T{i:D5}", title = $"Task {i}" });
    Interlocked.Increment(ref committed);
});
var writeSeconds = clock.Elapsed.TotalSeconds;

while (received.Count < events && clock.Elapsed < TimeSpan.FromMinutes(10))
    await Task.Delay(50);
var totalSeconds = clock.Elapsed.TotalSeconds;
await sampling.CancelAsync();
await sampler;

var duplicates = received.Values.Sum(n => n - 1);
Console.WriteLine($"writes: {events} in {writeSeconds:F1} s ({events / writeSeconds:F0} events/s committed)");
Console.WriteLine($"delivered: {received.Count}/{events} in {totalSeconds:F1} s ({received.Count / totalSeconds:F0} events/s end to end), duplicates {duplicates}");
Console.WriteLine("outbox depth over time (t s: committed but not yet received):");
foreach (var (at, depth, got) in samples)
    Console.WriteLine($"  {at,6:F1}  depth {depth,5}  received {got,5}");

await clients[0].DeleteAsync($"/webhooks/{hook["id"]}");
listener.Stop();
await receiving;
return received.Count == events ? 0 : 1;

static async Task<JsonNode> Post(HttpClient client, string path, object body)
{
    using var response = await client.PostAsJsonAsync(path, body);
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
        throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
    return JsonNode.Parse(text)!;
}
