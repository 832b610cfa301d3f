using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Telemetry;

namespace StateHub.WebApi.Operations;

/// <summary>
/// OpenTelemetry for the hub: ASP.NET Core, runtime, Npgsql and the hub's own meters, exported in
/// Prometheus text format on <c>/metrics</c>; traces (and metrics) over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the OTLP exporter reads the standard OTEL_* variables).
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "statehub";

    public static WebApplicationBuilder AddStateHubTelemetry(this WebApplicationBuilder builder)
    {
        var metrics = builder.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
        if (metrics.Port is < 1 or > 65535)
            throw new StartupFailureException($"Metrics__Port {metrics.Port} is not a TCP port: use 1 to 65535, or leave it unset to serve /metrics on the API's own address.");
        builder.Services.Configure<MetricsOptions>(builder.Configuration.GetSection(MetricsOptions.SectionName));
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()));

        if (metrics.Enabled || otlp)
        {
            telemetry.WithMetrics(meters =>
            {
                meters
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddMeter(StateHubMetrics.MeterName);
                if (metrics.Enabled)
                    meters.AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = Math.Max(0, metrics.ScrapeCacheMilliseconds));
                if (otlp)
                    meters.AddOtlpExporter();
            });
        }

        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/metrics") && !context.Request.Path.StartsWithSegments("/health"))
                .AddNpgsql()
                .AddOtlpExporter());
        }

        if (metrics is { Enabled: true, Port: { } port })
        {
            // Listen on the metrics port as well as wherever the API listens (--urls, ASPNETCORE_URLS).
            var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
            if (string.IsNullOrWhiteSpace(urls))
                urls = "http://localhost:5000";
            builder.WebHost.UseUrls($"{urls};http://{metrics.Host}:{port}");
        }

        return builder;
    }

    /// <summary>Maps <c>/metrics</c>: on its own port when <see cref="MetricsOptions.Port"/> is set, behind <see cref="MetricsOptions.AuthorizationPolicy"/> when set.</summary>
    public static void MapStateHubMetrics(this WebApplication app)
    {
        var options = app.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
        if (!options.Enabled)
            return;
        var endpoint = app.MapPrometheusScrapingEndpoint("/metrics");
        if (options.Port is { } port)
            endpoint.RequireHost($"*:{port}");
        if (!string.IsNullOrWhiteSpace(options.AuthorizationPolicy))
            endpoint.RequireAuthorization(options.AuthorizationPolicy);
    }

    /// <summary>With a metrics port of its own, that port serves <c>/metrics</c> only, and the API's ports do not serve it.</summary>
    public static void UseMetricsPortIsolation(this WebApplication app)
    {
        var options = app.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
        if (options is not { Enabled: true, Port: { } port })
            return;
        app.Use(async (context, next) =>
        {
            var onMetricsPort = context.Connection.LocalPort == port;
            if (onMetricsPort != context.Request.Path.StartsWithSegments("/metrics"))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        });
    }
}
