using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using StateHub.Application;
using StateHub.Infrastructure;
using StateHub.WebApi;
using StateHub.WebApi.Infrastructure;
using StateHub.WebApi.Mcp;
using StateHub.WebApi.OpenApi;
using StateHub.WebApi.Security;

var builder = WebApplication.CreateBuilder(args);

// Outside Development the hub never starts open to anyone by accident (§10).
if (AuthOptions.StartupRefusal(builder.Configuration, builder.Environment) is { } refusal)
{
    await Console.Error.WriteLineAsync(refusal);
    return 1;
}

builder.Services.AddApplication(builder.Configuration);
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddWebApi(builder.Configuration);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages(context => ProblemWriter.WriteAsync(context.HttpContext, Problems.ForStatus(context.HttpContext)));
app.UseMiddleware<RejectNulCharactersMiddleware>();

if (app.Configuration.GetValue("OpenApi:Enabled", true))
{
    app.UseStateHubOpenApi();
}

// Only the dashboard's stylesheet lives in wwwroot.
app.UseStaticFiles();

app.UseMiddleware<ApiKeyAuthenticationMiddleware>();
app.UseRateLimiter();

app.MapControllers();
app.MapRazorPages();
app.MapStateHubMcp();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponses.Write });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthResponses.Write });

await app.RunAsync();
return 0;

/// <summary>Entry point; public so that tests can host the app in memory.</summary>
public partial class Program;
