using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace StateHub.WebApi.FunctionalTests.Webhooks;

/// <summary>What a receiver saw: the headers Standard Webhooks defines and the raw body.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body, IHeaderDictionary Headers);

/// <summary>
/// A real HTTP receiver (Kestrel on 127.0.0.1, a free port) that records every request and
/// answers what <see cref="Respond"/> says (200 by default).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Decides the answer from the request and how many requests came before it (0 for the first).</summary>
    public Func<ReceivedWebhook, int, int> Respond { get; set; } = (_, _) => 200;

    /// <summary>The body of the answer to the n-th request (0 for the first); "received n" by default.</summary>
    public Func<int, string> Answer { get; set; } = n => "received " + n;

    /// <summary>Held before answering, e.g. to keep deliveries in flight.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public string Url { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        var count = 0;
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value));
            var received = new ReceivedWebhook(
                context.Request.Headers["webhook-id"].ToString(),
                context.Request.Headers["webhook-timestamp"].ToString(),
                context.Request.Headers["webhook-signature"].ToString(),
                body,
                headers);
            var n = Interlocked.Increment(ref count) - 1;
            if (receiver.Delay > TimeSpan.Zero)
                await Task.Delay(receiver.Delay);
            receiver.Received.Enqueue(received);
            context.Response.StatusCode = receiver.Respond(received, n);
            await context.Response.WriteAsync(receiver.Answer(n));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    /// <summary>
    /// True when <paramref name="secret"/> verifies one of the request's signatures with the
    /// reference Standard Webhooks implementation. Each signature is offered on its own: the
    /// package (1.1.2) stops after the first of two space-separated signatures.
    /// </summary>
    public static bool Verifies(ReceivedWebhook received, string secret) =>
        received.Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(signature => VerifiesOne(received, signature, secret));

    private static bool VerifiesOne(ReceivedWebhook received, string signature, string secret)
    {
        var headers = new HeaderDictionary(received.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase))
        {
            ["webhook-signature"] = signature,
        };
        try
        {
            new StandardWebhook(secret).Verify(received.Body, headers);
            return true;
        }
        catch (Exception ex) when (ex.GetType().Namespace?.StartsWith("StandardWebhooks", StringComparison.Ordinal) == true)
        {
            return false;
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, or fails the test after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (condition(Received.ToList()))
                return;
            await Task.Delay(50);
        }

        Assert.Fail($"Timed out waiting for {what ?? "webhooks"}; received {Received.Count}: {string.Join(" | ", Received.Take(5).Select(r => r.Body))}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
