using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using StateHub.Application;
using StateHub.Application.Common.Exceptions;
using StateHub.Infrastructure;
using StateHub.WebApi;
using StateHub.WebApi.Infrastructure;
using StateHub.WebApi.Mcp;
using StateHub.WebApi.OpenApi;
using StateHub.WebApi.Operations;
using StateHub.WebApi.Security;

// Set once the app runs: a failure before that is a failed start (one line, exit code 1, §16);
// one after it is a crash and is left to the runtime.
var started = false;
var stopRequested = false;
using var onSigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, _ => stopRequested = true);
using var onSigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, _ => stopRequested = true);
try
{
    var builder = WebApplication.CreateBuilder(args);

    // Outside Development the hub never starts open to anyone by accident (§10).
    if (AuthOptions.StartupRefusal(builder.Configuration, builder.Environment) is { } refusal)
        throw new StartupFailureException(refusal);

    builder.AddStateHubLogging();
    builder.AddStateHubTelemetry();
    builder.Services.AddApplication(builder.Configuration);
    builder.Services.AddInfrastructure(builder.Configuration);
    builder.Services.AddWebApi(builder.Configuration);

    var app = builder.Build();
    app.Lifetime.ApplicationStarted.Register(() => started = true);
    if (app.Services.GetService<IServer>()?.GetType().FullName?.Contains("Kestrel", StringComparison.Ordinal) == true)
        PortPreflight.EnsurePortsFree(app.Configuration);

    app.UseMiddleware<RequestLoggingMiddleware>();
    app.UseMiddleware<RetryAfterMiddleware>();
    app.UseExceptionHandler();
    app.UseStatusCodePages(context => ProblemWriter.WriteAsync(context.HttpContext, Problems.ForStatus(context.HttpContext)));
    app.UseMetricsPortIsolation();
    app.UseMiddleware<RejectNulCharactersMiddleware>();
    app.UseMiddleware<StateHub.WebApi.Security.CrossSiteWriteGuardMiddleware>();

    // The OpenAPI document, the Swagger console and the dashboard's stylesheet each live under one
    // path prefix; only requests there run their middlewares (which look for files on disk), not
    // every API call (bench/README.md).
    if (app.Configuration.GetValue("OpenApi:Enabled", true))
        app.UseWhen(context => context.Request.Path.StartsWithSegments(OpenApiConventions.PathPrefix), branch => branch.UseStateHubOpenApi());

    // Only the dashboard's stylesheet lives in wwwroot.
    app.UseWhen(context => context.Request.Path.StartsWithSegments("/css"), branch => branch.UseStaticFiles());

    app.UseMiddleware<ApiKeyAuthenticationMiddleware>();
    app.UseRateLimiter();
    // After authentication, so a stored response is only ever replayed to the key that caused it,
    // and outside an exception handler of its own, so what it stores is the final problem a client saw.
    app.UseMiddleware<IdempotencyMiddleware>();
    app.UseExceptionHandler();
    app.UseAuthorization();

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
catch (OperationCanceledException) when (!started && stopRequested)
{
    // Stopped (SIGTERM, Ctrl+C) while it was still starting, e.g. waiting for its database: nothing failed.
    Console.Error.WriteLine("State Hub stopped before it finished starting.");
    return 0;
}
catch (Exception ex) when (!started && ex is not HostAbortedException)
{
    // A setting that does not parse, a connection string that is not one: still one line, and
    // exit code 1, which a service manager can be told not to restart on (deploy/statehub.service).
    return StartupFailures.Report(StartupFailures.Unexpected(ex));
}

/// <summary>Entry point; public so that tests can host the app in memory.</summary>
public partial class Program;
