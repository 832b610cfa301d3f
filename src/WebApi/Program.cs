using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using StateHub.Application;
using StateHub.Infrastructure;
using StateHub.WebApi;
using StateHub.WebApi.Infrastructure;
using StateHub.WebApi.Mcp;
using StateHub.WebApi.OpenApi;
using StateHub.WebApi.Operations;

try
{
    var builder = WebApplication.CreateBuilder(args);

    builder.AddStateHubLogging();
    builder.AddStateHubTelemetry();
    builder.Services.AddApplication(builder.Configuration);
    builder.Services.AddInfrastructure(builder.Configuration);
    builder.Services.AddWebApi(builder.Configuration);

    var app = builder.Build();
    if (app.Services.GetService<IServer>()?.GetType().FullName?.Contains("Kestrel", StringComparison.Ordinal) == true)
        PortPreflight.EnsurePortsFree(app.Configuration);

    app.UseMiddleware<RequestLoggingMiddleware>();
    app.UseExceptionHandler();
    app.UseStatusCodePages(context => ProblemWriter.WriteAsync(context.HttpContext, Problems.ForStatus(context.HttpContext)));
    app.UseMetricsPortIsolation();
    app.UseMiddleware<RejectNulCharactersMiddleware>();

    if (app.Configuration.GetValue("OpenApi:Enabled", true))
    {
        app.UseStateHubOpenApi();
    }

    // Only the dashboard's stylesheet lives in wwwroot.
    app.UseStaticFiles();

    app.MapStateHubRoot();
    app.MapControllers();
    app.MapRazorPages();
    app.MapStateHubMcp();
    app.MapStateHubMetrics();
    app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponses.Write });
    app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthResponses.Write });

    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupFailures.Describe(ex) is { } line)
{
    return StartupFailures.Report(line);
}

/// <summary>Entry point; public so that tests can host the app in memory.</summary>
public partial class Program;
