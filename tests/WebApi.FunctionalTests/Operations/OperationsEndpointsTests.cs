using System.Net;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Operations;

/// <summary><c>/metrics</c> (Prometheus text) and <c>GET /</c>, which leads to the dashboard (or, asked for JSON only, answers an index).</summary>
public sealed class OperationsEndpointsTests : FunctionalTestBase
{
    [Test]
    public async Task Metrics_AfterSomeRequests_ExposesHttpDurationDatabaseAndHubMeters()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("repo-a");
        await GetOkAsync("/repos/doi/summary");
        await GetOkAsync("/repos/doi/summary");
        await GetOkAsync("/repos/repo-a/doi");
        await SendOkAsync(HttpMethod.Post, "/repos/repo-a/sync", new
        {
            files = new[] { new { path = "workplans/a.md", content = "---\nid: WP-1\ntitle: A\nstatus: active\ntasks:\n  - id: T01\n    title: One\n    status: todo\n---\n" } },
        });

        var text = await ScrapeAsync();

        Assert.That(text, Does.Contain("# TYPE http_server_request_duration_seconds histogram"));
        Assert.That(text, Does.Match("http_server_request_duration_seconds_bucket\\{[^}]*http_route=\"repos/doi/summary\""));
        Assert.That(text, Does.Contain("db_client_operation_duration_seconds"), "Npgsql's own instrumentation");
        Assert.That(text, Does.Contain("dotnet_gc_collections_total").Or.Contain("dotnet_process_cpu_time"), "runtime metrics");
        Assert.That(text, Does.Match("statehub_doi_evaluations_total\\{[^}]*scope=\"summary\"[^}]*\\} [1-9]"));
        Assert.That(text, Does.Match("statehub_doi_evaluations_total\\{[^}]*scope=\"full\"[^}]*\\} [1-9]"));
        Assert.That(text, Does.Match("statehub_doi_cache_hits_total\\{[^}]*\\} [1-9]"), "the second summary is served from the cache");
        Assert.That(text, Does.Match("statehub_doi_cache_misses_total\\{[^}]*\\} [1-9]"));
        Assert.That(text, Does.Match("statehub_sync_drift_found_total\\{[^}]*kind=\"missing_in_hub\"[^}]*\\} [1-9]"));
        Assert.That(text, Does.Match("statehub_sync_drift_fixed_total\\{[^}]*\\} [1-9]"));
    }

    [Test]
    public async Task Metrics_OutboxDepthSource_IsObservedAtEachScrape()
    {
        using (StateHub.Application.Common.Telemetry.StateHubMetrics.RegisterOutboxDepth(() => 42))
        {
            var text = await ScrapeAsync();
            Assert.That(text, Does.Match("statehub_webhooks_outbox_depth\\{[^}]*\\} 42"));
        }
    }

    [Test]
    public async Task Metrics_ServedAsPrometheusText()
    {
        using var response = await Client.GetAsync("/metrics");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("# TYPE "));
    }

    [TestCase(null)]
    [TestCase("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    [TestCase("*/*")]
    [TestCase("application/json, text/html")]
    public async Task Root_AnyClientButAJsonOnlyOne_RedirectsToDashboard(string? accept)
    {
        using var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (accept is not null)
            request.Headers.Accept.ParseAdd(accept);

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/dashboard"));
    }

    [Test]
    public async Task Root_ApiClientAskingForJson_GetsTheIndex()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await Client.SendAsync(request);
        var index = await ReadJsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(index["name"]!.GetValue<string>(), Is.EqualTo("State Hub"));
        var links = index["links"]!;
        Assert.That(links["dashboard"]!.GetValue<string>(), Is.EqualTo("/dashboard"));
        Assert.That(links["swagger"]!.GetValue<string>(), Is.EqualTo("/swagger"));
        Assert.That(links["openapi"]!.GetValue<string>(), Is.EqualTo("/swagger/v1/swagger.json"));
        Assert.That(links["mcp"]!.GetValue<string>(), Is.EqualTo("/mcp"));
        Assert.That(links["metrics"]!.GetValue<string>(), Is.EqualTo("/metrics"));
        Assert.That(links["health_ready"]!.GetValue<string>(), Is.EqualTo("/health/ready"));
    }

    [Test]
    public async Task Problem_TraceId_IsTheW3CTraceIdOfTheRequest()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/repos/nope");
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        using var response = await Client.SendAsync(request);
        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);

        Assert.That(problem["trace_id"]!.GetValue<string>(), Is.EqualTo("0af7651916cd43dd8448eb211c80319c"));
    }

    private async Task<string> ScrapeAsync()
    {
        // The exporter may reuse a scrape for a moment; wait that out so the requests above are in.
        await Task.Delay(400);
        using var response = await Client.GetAsync("/metrics");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }
}
